/** Every image named by content or site.yaml exists inside media/ and is an image the site can publish. */
import path from 'node:path';
import type { LoadedSite } from '../content.ts';
import { ImageError, inspectImage, resolveMediaPath } from '../images.ts';
import { renderMarkdown } from '../markdown.ts';
import type { Problem } from '../problems.ts';

export interface ImageReference {
  /** The file naming the image. */
  file: string;
  /** Field path, or "body" for an image in the markdown text. */
  field: string;
  line: number | undefined;
  src: string;
  alt: string;
}

/** All images a buurt's files refer to. */
export function imageReferences(site: LoadedSite): ImageReference[] {
  const refs: ImageReference[] = [];
  if (site.config?.logo) {
    refs.push({ file: site.paths.configFile, field: 'logo.src', line: site.configLineOf(['logo', 'src']), ...site.config.logo });
  }
  for (const entries of Object.values(site.entries)) {
    for (const entry of entries) {
      const data = entry.data as { image?: { src: string; alt: string }; photo?: { src: string; alt: string } };
      for (const field of ['image', 'photo'] as const) {
        const image = data[field];
        if (image) refs.push({ file: entry.file, field: `${field}.src`, line: entry.lineOf([field, 'src']), ...image });
      }
      // Only a body with markdown image syntax or an <img> tag can name an image; rendering every body to find
      // out took a tenth of a large buurt's build.
      if (!/!\[|<img/i.test(entry.body)) continue;
      for (const image of renderMarkdown(entry.body).images) {
        refs.push({ file: entry.file, field: 'body', line: undefined, src: image.src, alt: image.alt });
      }
    }
  }
  return refs;
}

/** Problems with the images a buurt refers to: missing, outside media/, unreadable, unsafe, or without alt text. */
export async function checkImages(site: LoadedSite): Promise<Problem[]> {
  const problems: Problem[] = [];
  const inspected = new Map<string, Promise<Problem | undefined>>();
  await Promise.all(
    imageReferences(site).map(async (ref) => {
      const at = { file: ref.file, line: ref.line, field: ref.field === 'body' ? undefined : ref.field };
      if (ref.field === 'body' && !ref.alt.trim()) {
        problems.push({ ...at, code: 'missing-alt', severity: 'error', message: `the image "${ref.src}" in the text has no alt text; describe it between the brackets: ![what the photo shows](${ref.src})` });
      }
      const resolved = resolveMediaPath(ref.src, ref.file, site.paths.siteDir);
      if (!resolved) {
        problems.push({ ...at, code: 'image-outside-media', severity: 'error', message: `"${ref.src}" is not inside this buurt's media folder; upload the image to sites/${site.slug}/media/ and refer to it from there` });
        return;
      }
      let job = inspected.get(resolved);
      if (!job) {
        job = inspectImage(resolved).then(
          () => undefined,
          (error: unknown) => {
            if (!(error instanceof ImageError)) throw error;
            return { file: resolved, code: error.code, severity: 'error' as const, message: error.message };
          },
        );
        inspected.set(resolved, job);
      }
      const problem = await job;
      if (problem) {
        problems.push(
          problem.code === 'missing-image'
            ? { ...at, code: 'missing-image', severity: 'error', message: `the image "${ref.src}" does not exist (looked for ${path.relative(site.paths.siteDir, resolved)}); upload it or correct the path` }
            : { ...at, code: problem.code, severity: 'error', message: problem.message },
        );
      }
    }),
  );
  // An unreadable image referenced twice is one problem per reference; identical lines are merged.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.line}|${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
