/**
 * The image types editors may upload, by file extension: one list for the photo pipeline (images.ts) and for
 * `buurt guard`, which must stay light because it runs on every pull request (it loads sharp only when a change
 * holds a photo, to look for its location).
 */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export const IMAGE_TYPES: Readonly<Record<string, ImageType>> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.gif': 'gif',
  '.avif': 'avif',
};
