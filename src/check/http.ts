/**
 * Insecure addresses in the text: an image or other embedded thing loaded over http:// is an error (a
 * page served over https must not load it, and it tells a third party who visits); a plain link to an
 * http:// page is a warning suggesting https.
 */
import type { LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';
import { allEntries, bodyLineOf, renderedBody } from './bodies.ts';

const WHAT: Readonly<Record<string, string>> = {
  img: 'the image',
  image: 'the image',
  picture: 'the image',
  iframe: 'the embedded page (iframe)',
  frame: 'the embedded page (frame)',
  video: 'the video',
  audio: 'the sound',
  source: 'the video or sound source',
  embed: 'the embedded object',
  object: 'the embedded object',
  script: 'the script',
  link: 'the stylesheet or link',
};

/** Problems with http:// links and resources in every body. */
export function checkHttp(site: LoadedSite): Problem[] {
  const problems: Problem[] = [];
  for (const entry of allEntries(site)) {
    const body = renderedBody(site, entry);
    const seen = new Set<string>();
    for (const resource of body.resources) {
      if (!/^\s*http:\/\//i.test(resource.url) || seen.has(resource.url)) continue;
      seen.add(resource.url);
      const what = WHAT[resource.tag] ?? `the <${resource.tag}> element`;
      const advice =
        resource.tag === 'img' || resource.tag === 'image' || resource.tag === 'picture'
          ? 'the site shows no images from other websites: download the image, upload it to media/ and use ![description](../../media/name.jpg)'
          : 'the site does not embed things from other websites: link to it instead, with [description](https://…)';
      problems.push({
        code: 'http-resource',
        severity: 'error',
        file: entry.file,
        line: bodyLineOf(entry, resource.url),
        message: `${what} "${resource.url}" would be loaded over an insecure connection (http://); ${advice}`,
      });
    }
    for (const href of body.links) {
      if (!/^\s*http:\/\//i.test(href) || seen.has(href)) continue;
      seen.add(href);
      problems.push({
        code: 'http-link',
        severity: 'warning',
        file: entry.file,
        line: bodyLineOf(entry, href),
        message: `the link "${href}" uses an insecure connection; write ${href.trim().replace(/^http:/i, 'https:')} if that website supports it`,
      });
    }
  }
  return problems;
}
