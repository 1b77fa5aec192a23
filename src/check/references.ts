/** Cross-references between files: an activity's group and the menu's sections and pages. */
import type { LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';
import { menuSections } from '../model/schemas.ts';

export { RESERVED_PAGE_SLUGS } from './slugs.ts';

/** Problems with references between files of one buurt. */
export function checkReferences(site: LoadedSite): Problem[] {
  const problems: Problem[] = [];
  const groups = new Map(site.entries.groepen.map((g) => [g.id, g]));
  for (const activity of site.entries.agenda) {
    const name = activity.data.group;
    if (!name) continue;
    const group = groups.get(name);
    const at = { file: activity.file, line: activity.lineOf(['group']), field: 'group' };
    if (!group) {
      const known = [...groups.keys()].sort();
      problems.push({
        ...at,
        code: 'unknown-group',
        severity: 'error',
        message:
          `"${name}" is not a group of this buurt; ` +
          (known.length ? `choose one of ${known.join(', ')}` : 'add the group in content/groepen/ first, or remove the field'),
      });
    } else if (group.data.draft && !activity.data.draft) {
      problems.push({
        ...at,
        code: 'draft-group',
        severity: 'warning',
        message: `the group "${name}" is a draft, so the activity's page does not name its organiser until the group is published`,
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
