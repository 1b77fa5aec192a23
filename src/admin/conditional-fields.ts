/**
 * Decap marks every field that is not required with "(optioneel)" after its label
 * (decap-cms-core components/Editor/EditorControlPane/EditorControl.js `LabelComponent`), also a field the
 * content model requires as soon as its optional group is filled in (the description of a photo). For those
 * fields, recognised by the hint the generator gave them (`conditionalTexts.hint`), the mark becomes
 * "(verplicht bij “Foto”)".
 */
import { conditionalTexts } from '../cms/texts.ts';

function relabel(root: ParentNode, optionalMark: string): void {
  for (const label of root.querySelectorAll('label')) {
    const mark = [...label.children].find((child) => child.tagName === 'SPAN' && child.textContent === optionalMark);
    if (!mark) continue;
    // label → its top bar → the field's container, whose own hint is a direct child paragraph.
    const hint = label.parentElement?.parentElement?.querySelector(':scope > p');
    const group = hint?.textContent?.match(conditionalTexts.hintPattern)?.[1];
    if (group) mark.textContent = ` (${conditionalTexts.label(group)})`;
  }
}

/** Watches the admin and relabels conditionally required fields as Decap renders them. */
export function markConditionalFields(optionalWord = 'optioneel'): void {
  const optionalMark = ` (${optionalWord})`;
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      relabel(document, optionalMark);
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
