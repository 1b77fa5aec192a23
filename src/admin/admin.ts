/**
 * Our additions to Decap CMS on /admin/, loaded after decap-cms.js as an external script (the admin page has no
 * inline scripts): Dutch wording for the workflow, previews that look like the site, and a check before every
 * save that runs the content model's own schema, so the CMS never commits a file `buurt check` would refuse.
 *
 * Bundled by esbuild into /admin/buurt-admin.js (src/lib/cms/admin-files.ts).
 */
import { fromJS } from 'immutable';
import { cleanEntryData, invalidFieldLabels, type EntryKind } from '../lib/cms/entry.ts';
import { adminTexts, interfaceTexts } from '../lib/cms/texts.ts';
import type { CreateElement, DecapCms } from './decap.d.ts';
import { activityPreview, newsPreview } from './previews.ts';

declare global {
  interface Window {
    CMS: DecapCms;
    h: CreateElement;
  }
}

const cms = window.CMS;
const h = window.h;
const siteName = document.querySelector<HTMLMetaElement>('meta[name="buurt-name"]')?.content ?? '';

/** Merges `extra` into `base`, object by object. */
function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    result[key] =
      value && typeof value === 'object' && current && typeof current === 'object'
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return result;
}

cms.registerLocale('nl', deepMerge(cms.getLocale('nl') ?? {}, interfaceTexts));

addHandleidingLink();

cms.registerPreviewStyle('/admin/preview.css');
cms.registerPreviewTemplate('nieuws', newsPreview(h, siteName));
cms.registerPreviewTemplate('agenda', activityPreview(h, siteName));

cms.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const collection = String(entry.get('collection'));
    const kind = (collection === 'instellingen' ? 'site' : collection) as EntryKind;
    const data = cleanEntryData((entry.get('data') as { toJS(): Record<string, unknown> }).toJS());
    const invalid = invalidFieldLabels(kind, data);
    if (invalid.length) throw new Error(adminTexts.invalidEntry(invalid));
    return fromJS(data);
  },
});

/** A link to the editors' handleiding (/admin/handleiding/), always in view: help where editors work. */
function addHandleidingLink(): void {
  const link = document.createElement('a');
  link.href = adminTexts.handleiding.url;
  link.target = '_blank';
  link.rel = 'noopener';
  link.className = 'buurt-handleiding-link';
  link.textContent = adminTexts.handleiding.label;
  link.setAttribute('aria-label', adminTexts.handleiding.ariaLabel);
  Object.assign(link.style, {
    position: 'fixed',
    right: '0.75rem',
    bottom: '0.75rem',
    zIndex: '400',
    padding: '0.5rem 0.9rem',
    borderRadius: '999px',
    background: '#0b4f80',
    color: '#fff',
    font: '600 1rem/1.2 system-ui, sans-serif',
    textDecoration: 'none',
    boxShadow: '0 1px 4px rgba(0,0,0,.3)',
  });
  document.body.append(link);
}
