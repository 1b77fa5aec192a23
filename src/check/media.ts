/**
 * The originals in media/: photos that hold the place they were taken, are far larger than the site needs,
 * or are heavy (warnings: `buurt media fix <slug>` repairs them), and files nothing refers to.
 */
import type { LoadedSite } from '../model/content.ts';
import { resolveMediaPath } from '../media/images.ts';
import {
  describeMediaIssues,
  findMediaIssues,
  hasMediaIssues,
  listMediaFiles,
  MEDIA_FIX_MAX_PIXELS,
  MEDIA_MAX_LONG_SIDE,
  readMediaHeader,
} from '../media/media.ts';
import type { Problem } from '../model/problems.ts';
import { imageReferences } from './images.ts';

/** Problems with the files in a buurt's media folder. */
export async function checkMedia(site: LoadedSite): Promise<Problem[]> {
  const files = await listMediaFiles(site.paths.mediaDir);
  if (!files.length) return [];
  const used = new Set<string>();
  for (const ref of imageReferences(site)) {
    const file = resolveMediaPath(ref.src, ref.file, site.paths.siteDir);
    if (file) used.add(file);
  }
  const fix = `run "buurt media fix ${site.slug}" to rewrite it (upright, without metadata, at most ${MEDIA_MAX_LONG_SIDE} pixels)`;
  const problems = await Promise.all(
    files.map(async (file): Promise<Problem[]> => {
      const found: Problem[] = [];
      if (!used.has(file)) {
        found.push({
          code: 'media-unused',
          severity: 'warning',
          file,
          message: 'no page uses this file; it is not published, but it stays in the repository: remove it if it is no longer needed',
        });
      }
      const header = await readMediaHeader(file);
      // Not an image, or far too many pixels to fix (a decompression bomb): the image check reports it where it is used.
      if (!header || header.width * header.height > MEDIA_FIX_MAX_PIXELS) return found;
      const issues = findMediaIssues(header);
      if (!hasMediaIssues(issues)) return found;
      const why = issues.location
        ? 'the site publishes it without that, but the original stays in the repository history for anyone to read'
        : issues.oversized
          ? `the site never shows more than 1600 pixels, so the larger original only makes the repository heavy`
          : 'the original only makes the repository heavy';
      found.push({
        code: issues.location ? 'media-location' : issues.oversized ? 'media-oversized' : 'media-heavy',
        severity: 'warning',
        file,
        message: `this image ${describeMediaIssues(header, issues)}; ${why}. ${fix.replace(/^r/, 'R')}`,
      });
      return found;
    }),
  );
  return problems.flat();
}
