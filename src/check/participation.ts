/**
 * Residents' submissions (site.yaml `participation`): refused when the buurt's CMS backend has no editorial
 * workflow (a submission must become a draft an editor reviews, never a published page), and a warning for a
 * menu that links /meedoen/ while the buurt takes no submissions (the page then only says so).
 */
import { productionBackend, supportsEditorialWorkflow } from '../cms/backend.ts';
import type { LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';

/** Problems with the participation settings of a buurt. */
export function checkParticipation(site: LoadedSite): Problem[] {
  const config = site.config;
  if (!config) return [];
  const problems: Problem[] = [];
  const file = site.paths.configFile;
  const participation = config.participation;
  if (participation?.enabled && config.cms && !supportsEditorialWorkflow(productionBackend(config.cms))) {
    problems.push({
      code: 'participation-without-workflow',
      severity: 'error',
      file,
      line: site.configLineOf(['participation']),
      field: 'participation',
      message:
        `residents' submissions need the editorial workflow, so that an editor reviews every submission before it is published, and the CMS backend "${config.cms.backend}" has none; ` +
        'choose github, gitlab or forgejo as cms.backend, or set participation.enabled: false',
    });
  }
  const menuIndex = config.menu.indexOf('meedoen');
  if (menuIndex >= 0 && !participation?.enabled) {
    problems.push({
      code: 'participation-closed-in-menu',
      severity: 'warning',
      file,
      line: site.configLineOf(['menu', menuIndex]),
      field: `menu.${menuIndex}`,
      message: `the menu links "meedoen", but ${participation ? 'participation.enabled is false' : 'participation is not set up'}, so /meedoen/ only says the buurt takes no submissions; remove it from the menu or set up participation`,
    });
  }
  return problems;
}
