/**
 * Every image named by content or site.yaml exists inside media/, has alt text, and is an image the site can
 * publish (see `inspectImage`: type, bytes, pixels, damage). Problems point at the file and field that name
 * the image, and say which image and what to do.
 */
import path from 'node:path';
import type { LoadedSite } from '../model/content.ts';
import { ImageError, inspectImageCached, resolveMediaPath } from '../media/images.ts';
import { listMediaFiles } from '../media/media.ts';
import type { Problem } from '../model/problems.ts';
import { closestName, NearestIndex } from '../core/suggest.ts';
import { allEntries, bodyLineOf, renderedBody } from './bodies.ts';

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
  for (const entry of allEntries(site)) {
    const data = entry.data as { image?: { src: string; alt: string }; photo?: { src: string; alt: string } };
    for (const field of ['image', 'photo'] as const) {
      const image = data[field];
      if (image) refs.push({ file: entry.file, field: `${field}.src`, line: entry.lineOf([field, 'src']), ...image });
    }
    // Only a body with markdown image syntax or an <img> tag can name an image; rendering every body to find
    // out took a tenth of a large buurt's build.
    if (!/!\[|<img/i.test(entry.body)) continue;
    for (const image of renderedBody(site, entry).images) {
      refs.push({ file: entry.file, field: 'body', line: bodyLineOf(entry, image.src), src: image.src, alt: image.alt });
    }
  }
  return refs;
}

/** Problems with the images a buurt refers to: missing, outside media/, unreadable, unsafe, or without alt text. */
export async function checkImages(site: LoadedSite): Promise<Problem[]> {
  const problems: Problem[] = [];
  const inspected = new Map<string, Promise<ImageError | undefined>>();
  const mediaFiles = (await listMediaFiles(site.paths.mediaDir)).map((file) => path.relative(site.paths.siteDir, file).split(path.sep).join('/'));
  const byName = new Map(mediaFiles.map((f) => [path.posix.basename(f), f]));
  let names: NearestIndex | undefined;
  const mediaNames = () => (names ??= new NearestIndex([...byName.keys()]));
  // A few at a time: each reads a whole photo into memory.
  const limit = limiter(4);
  await Promise.all(
    imageReferences(site).map(async (ref) => {
      const at = { file: ref.file, line: ref.line, field: ref.field === 'body' ? undefined : ref.field };
      const where = ref.field === 'body' ? `the image "${ref.src}" in the text` : `"${ref.src}"`;
      if (ref.field === 'body' && !ref.alt.trim()) {
        problems.push({
          ...at,
          code: 'missing-alt',
          severity: 'error',
          message: `${where} has no alt text; describe what it shows between the brackets, like ![Kinderen planten bloembollen](${ref.src})`,
        });
      }
      const resolved = resolveMediaPath(ref.src, ref.file, site.paths.siteDir);
      if (!resolved) {
        problems.push({
          ...at,
          code: 'image-outside-media',
          severity: 'error',
          message: /^[a-z][a-z0-9+.-]*:/i.test(ref.src.trim())
            ? `${where} is a web address; the site shows no images from other websites: upload the image to sites/${site.slug}/media/ and refer to it from there`
            : `${where} is not inside this buurt's media folder; upload the image to sites/${site.slug}/media/ and refer to it from there`,
        });
        return;
      }
      let job = inspected.get(resolved);
      if (!job) {
        job = limit(() => inspectImageCached(resolved, site.paths.cacheDir)).then(
          () => undefined,
          (error: unknown) => {
            if (error instanceof ImageError) return error;
            throw error;
          },
        );
        inspected.set(resolved, job);
      }
      const error = await job;
      if (!error) return;
      if (error.code === 'missing-image') {
        const wanted = path.relative(site.paths.siteDir, resolved).split(path.sep).join('/');
        const similar = closestName(path.posix.basename(wanted), mediaNames());
        const suggestion = similar ? byName.get(similar) : undefined;
        problems.push({
          ...at,
          code: 'missing-image',
          severity: 'error',
          message:
            `${where} does not exist (there is no ${wanted}); ` + (suggestion ? `did you mean ${suggestion}? ` : '') + 'Upload the image or correct the path',
        });
        return;
      }
      problems.push({ ...at, code: error.code, severity: 'error', message: `${where} cannot be published: ${error.message}` });
    }),
  );
  // An image referenced twice from the same place is one problem.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.line}|${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs at most `n` of the given tasks at once. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
