/** Cross-references between files: an activity's group, the menu's pages, and slugs that clash with sections. */
import type { LoadedSite } from '../content.ts';
import type { Problem } from '../problems.ts';
import { menuSections } from '../schemas.ts';

/** Names of free pages that would clash with a section or a file the site publishes. */
export const RESERVED_PAGE_SLUGS = new Set([
  ...menuSections,
  'admin',
  'zoeken',
  'media',
  'fotos',
  '_fotos',
  '_astro',
  'pagefind',
  '404',
  'welkom-pagina',
  'rss',
  'sitemap',
]);

/** Problems with references between files of one buurt. */
export function checkReferences(site: LoadedSite): Problem[] {
  const problems: Problem[] = [];
  const groups = new Set(site.entries.groepen.map((g) => g.id));
  for (const activity of site.entries.agenda) {
    const group = activity.data.group;
    if (group && !groups.has(group)) {
      const known = [...groups].sort();
      problems.push({
        code: 'unknown-group',
        severity: 'error',
        file: activity.file,
        line: activity.lineOf(['group']),
        field: 'group',
        message: `"${group}" is not a group of this buurt; ` +
          (known.length ? `choose one of ${known.join(', ')}` : 'add the group in content/groepen/ first, or remove the field'),
      });
    }
  }
  for (const page of site.entries.paginas) {
    if (RESERVED_PAGE_SLUGS.has(page.id)) {
      problems.push({
        code: 'reserved-slug',
        severity: 'error',
        file: page.file,
        message: `a page cannot be called "${page.id}" because the site already has a section with that address; rename the file`,
      });
    }
  }
  if (site.config) {
    const pages = new Set(site.entries.paginas.filter((p) => !p.data.draft).map((p) => p.id));
    site.config.menu.forEach((item, index) => {
      if ((menuSections as readonly string[]).includes(item) || pages.has(item)) return;
      problems.push({
        code: 'unknown-menu-item',
        severity: 'error',
        file: site.paths.configFile,
        line: site.configLineOf(['menu', index]),
        field: `menu.${index}`,
        message: `"${item}" is neither a section (${menuSections.join(', ')}) nor a published page (${[...pages].sort().join(', ') || 'none yet'})`,
      });
    });
  }
  return problems;
}
