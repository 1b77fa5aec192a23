/**
 * Photos during an Astro render: resolve the content path, process into the buurt's image cache, and in a
 * build publish the variants next to the pages (dev serves them from the cache, see integrations/buurt.ts).
 */
import path from 'node:path';
import { buildContext } from '../core/build-context.ts';
import { ImageError, processImage, publishVariants, resolveMediaPath, type ProcessedImage } from '../media/images.ts';
import { fillImages, renderMarkdown, type RenderedBody } from '../markdown/markdown.ts';
import { pictureHtml, type PictureOptions } from '../media/picture.ts';

/** Processes the image `src` named in `from` (a content file or site.yaml) and returns its variants. */
export async function preparePhoto(src: string, from: string): Promise<ProcessedImage> {
  const context = buildContext();
  const file = resolveMediaPath(src, from, context.siteDir);
  if (!file) throw new ImageError('image-outside-media', from, `"${src}" in ${from} is not inside the buurt's media folder`);
  const image = await processImage(file, context.cacheDir);
  if (import.meta.env.PROD) await publishVariants(image, context.cacheDir, path.join(context.outDir, '_fotos'));
  return image;
}

/** `<picture>` HTML for an image named in a content file. */
export async function photoHtml(image: { src: string; alt: string }, from: string, options: Omit<PictureOptions, 'alt'> = {}): Promise<string> {
  return pictureHtml(await preparePhoto(image.src, from), { ...options, alt: image.alt });
}

/** What a page knows of a content file to show its body. */
export interface BodySource {
  body?: string | undefined;
  data: { _file: string; _rendered?: RenderedBody | undefined };
}

/**
 * The body of a content file as safe HTML, with its images processed: as the CLI's check rendered it when that
 * was handed over (the markdown is then not in the store), otherwise rendered here (dev server, a bare
 * `astro build`). Empty for an empty body.
 */
export async function bodyHtml(entry: BodySource, origin: string): Promise<string> {
  const rendered = entry.data._rendered ?? (entry.body?.trim() ? renderMarkdown(entry.body, { origin }) : undefined);
  if (!rendered) return '';
  const from = entry.data._file;
  const pictures = await Promise.all(rendered.images.map((image) => photoHtml(image, from)));
  return fillImages(rendered, (_, index) => pictures[index]!);
}
