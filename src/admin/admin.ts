/**
 * Our additions to Decap CMS on /admin/, loaded after decap-cms.js as an external script (the admin page has no
 * inline scripts): Dutch wording for the whole interface, previews that look like the site, a check before every
 * save that runs the content model's own schema, so the CMS never commits a file `buurt check` would refuse,
 * photos cleaned before Decap sees them (photo-cleaning.ts), commit messages that name the title, and
 * conditionally required fields marked as such (conditional-fields.ts). See docs/maintainers/cms-admin.md.
 *
 * Bundled by esbuild into /admin/buurt-admin.js (src/cms/admin-files.ts).
 */
import { fromJS } from 'immutable';
import { cleanEntryData, invalidFieldLabels, type EntryKind } from '../cms/entry.ts';
import { titledCommitMessage } from '../cms/backend.ts';
import { dutchInterface } from '../cms/locale.ts';
import { adminTexts } from '../cms/texts.ts';
import { markConditionalFields } from './conditional-fields.ts';
import { installPhotoCleaning } from './photo-cleaning.ts';
import type { CreateElement, DecapCms } from './decap.d.ts';
import { activityPreview, newsPreview, prikbordPreview } from './previews.ts';

declare global {
  interface Window {
    CMS: DecapCms;
    h: CreateElement;
  }
}

const cms = window.CMS;
const h = window.h;
const siteName = document.querySelector<HTMLMetaElement>('meta[name="buurt-name"]')?.content ?? '';

cms.registerLocale('nl', dutchInterface(cms.getLocale('nl') ?? {}));
installPhotoCleaning();
markConditionalFields();

addHandleidingLink();
translateToastButtons();

cms.registerPreviewStyle('/admin/preview.css');
cms.registerPreviewTemplate('nieuws', newsPreview(h, siteName));
cms.registerPreviewTemplate('agenda', activityPreview(h, siteName));
cms.registerPreviewTemplate('prikbord', prikbordPreview(h, siteName));

cms.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const collection = String(entry.get('collection'));
    const kind = (collection === 'instellingen' ? 'site' : collection) as EntryKind;
    const data = cleanEntryData((entry.get('data') as { toJS(): Record<string, unknown> }).toJS());
    const invalid = invalidFieldLabels(kind, data);
    if (invalid.length) throw new Error(adminTexts.invalidEntry(invalid));
    const title = data.title ?? data.name;
    savingTitle = typeof title === 'string' ? title : undefined;
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

/** The title of the entry being saved, from preSave to the backend's persistEntry right after it. */
let savingTitle: string | undefined;

/**
 * Commit messages name the title the editor typed, not the file name: every backend's persistEntry gets
 * the message of `commitMessageTexts` with the title in place of the quoted slug (`titledCommitMessage`).
 */
for (const name of ['github', 'gitlab', 'gitea', 'forgejo', 'proxy']) {
  const registered = cms.getBackend(name);
  if (!registered) continue;
  const init = registered.init;
  registered.init = (...args) => {
    const backend = init(...args);
    const persistEntry = backend.persistEntry.bind(backend);
    backend.persistEntry = (entry, options) => {
      const title = savingTitle;
      savingTitle = undefined;
      return persistEntry(entry, { ...options, commitMessage: titledCommitMessage(options.commitMessage, entry.dataFiles[0]?.slug, title) });
    };
    return backend;
  };
}

/**
 * Decap's notifications (react-toastify) label their close button "close", which has no locale key: a screen
 * reader would say it in English. Every such button gets the Dutch label as soon as it appears.
 */
function translateToastButtons(): void {
  const translate = (root: ParentNode) => {
    for (const button of root.querySelectorAll('button[aria-label="close"]')) button.setAttribute('aria-label', adminTexts.closeNotification);
  };
  new MutationObserver(() => translate(document)).observe(document.body, { childList: true, subtree: true });
  translate(document);
}
