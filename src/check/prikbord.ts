/**
 * The prikbord's posts: a category the buurt does not have is an error (the post would have no category page);
 * a post past its last day is a warning (it is no longer built, and `buurt prikbord opruimen` removes it after
 * the grace period). E-mail addresses and phone numbers in a post are refused by the personal-data check.
 */
import type { LoadedSite } from '../model/content.ts';
import { displayPath } from '../core/paths.ts';
import type { Problem } from '../model/problems.ts';
import { isExpired, isPastGrace, lastDay, PRIKBORD_GRACE_DAYS, prikbordCategories } from '../prikbord/posts.ts';
import type { CheckContext } from './types.ts';

export function checkPrikbord(site: LoadedSite, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const categories = prikbordCategories(site.config);
  for (const post of site.entries.prikbord) {
    if (!categories.includes(post.data.category)) {
      problems.push({
        code: 'unknown-prikbord-category',
        severity: 'error',
        file: post.file,
        line: post.lineOf(['category']),
        field: 'category',
        message: `"${post.data.category}" is not a category of this buurt's prikbord; choose one of ${categories.join(', ')}, or add it to prikbord.categories in ${displayPath(site.paths.configFile)}`,
      });
    }
    if (isExpired(post.data, context.now)) {
      const remove = isPastGrace(post.data, context.now);
      problems.push({
        code: 'prikbord-expired',
        severity: 'warning',
        file: post.file,
        line: post.lineOf(['validUntil']) ?? post.lineOf(['date']),
        message:
          `this post's last day was ${lastDay(post.data)}, so it is no longer on the site; ` +
          (remove
            ? `it has been expired for more than ${PRIKBORD_GRACE_DAYS} days: remove it with "npm run buurt -- prikbord opruimen ${site.slug}"`
            : `"npm run buurt -- prikbord opruimen ${site.slug}" removes it ${PRIKBORD_GRACE_DAYS} days after that day`),
      });
    }
  }
  return problems;
}
