/**
 * Decap CMS's routes in the admin's address (`#/collections/nieuws/entries/straatspeeldag`), read by the
 * admin's own additions (src/admin/).
 */

/** True when `hash` (location.hash) is the editor of entry `slug` of `collection`. */
export function isEntryRoute(hash: string, collection: string, slug: string): boolean {
  const route = hash.replace(/^#/, '').split('?')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(route);
  } catch {
    return false;
  }
  return decoded.replace(/\/+$/, '') === `/collections/${collection}/entries/${slug}`;
}
