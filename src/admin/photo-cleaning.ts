/**
 * Every photo an editor picks in /admin/ is cleaned in the browser before Decap CMS sees it, so a GPS
 * position (or any other EXIF, XMP or IPTC data) never reaches a commit: not even the first one, which stays
 * in the public git history for good.
 *
 * How: Decap reads a picked file from the file input's `change` event (decap-cms-core
 * components/MediaLibrary/MediaLibrary.js `handlePersist`, used by image fields and by images in the text).
 * A capturing listener on the window runs before React's listener on its root, stops the event, cleans the
 * files (decode with the orientation applied, draw on a canvas, encode; see src/cms/photo-cleaning.ts for
 * the decisions), puts the cleaned files into the input and sends the event again, which Decap then handles as
 * usual: its preview shows the cleaned photo, and the commit holds the cleaned bytes. A file it cannot clean
 * (HEIC, GIF, a damaged file) is never handed over; the editor reads why, in Dutch, and what to do.
 * Hand-written: browser libraries for this (e.g. browser-image-compression) re-encode the same way but carry
 * a web worker and a CDN fallback our CSP forbids.
 */
import { MEDIA_HEAVY_BYTES } from '../media/image-types.ts';
import {
  CLEANABLE_MIME,
  cleanableType,
  cleanedName,
  firstEncodeStep,
  nextEncodeStep,
  type CleanableType,
  type CleanRefusal,
  type EncodeStep,
} from '../cms/photo-cleaning.ts';
import { adminTexts } from '../cms/texts.ts';

const t = adminTexts.photo;

/** A refused file, with the editor's message. */
export class PhotoRefused extends Error {
  readonly refusal: CleanRefusal;
  constructor(refusal: CleanRefusal) {
    super(refusalMessage(refusal));
    this.refusal = refusal;
    this.name = 'PhotoRefused';
  }
}

function refusalMessage(refusal: CleanRefusal): string {
  switch (refusal.reason) {
    case 'heic':
      return t.heic(refusal.name);
    case 'unsupported':
      return t.unsupported(refusal.name, refusal.type);
    case 'too-large':
      return t.tooLarge(refusal.name, Math.round(refusal.bytes / 1024 / 1024));
    case 'unreadable':
      return t.unreadable(refusal.name);
  }
}

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

/** Decodes a photo upright: createImageBitmap with the EXIF orientation, else an <img> (upright by default). */
async function decode(file: File): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Older browsers refuse the option value; the <img> below applies the orientation itself.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}

function encode(decoded: Decoded, type: CleanableType, step: EncodeStep): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = step.width;
  canvas.height = step.height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('no 2d canvas'));
  if (type === 'jpeg') {
    // JPEG has no transparency: transparent pixels become white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, step.width, step.height);
  }
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(decoded.source, 0, 0, step.width, step.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob gave nothing'))), CLEANABLE_MIME[type], step.quality),
  );
}

/**
 * `file` without metadata, upright, at most 2560 pixels on its long side and at most 3 MB, in its own format
 * (WebP becomes JPEG in a browser that cannot write WebP). Throws `PhotoRefused` for what it cannot clean.
 */
export async function cleanPhoto(file: File): Promise<{ file: File; width: number; height: number }> {
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  const checked = cleanableType(file.name, head, file.size);
  if (typeof checked !== 'string') throw new PhotoRefused(checked);
  let decoded: Decoded;
  try {
    decoded = await decode(file);
  } catch {
    throw new PhotoRefused({ reason: 'unreadable', name: file.name });
  }
  try {
    let type: CleanableType = checked;
    let step: EncodeStep = firstEncodeStep(type, decoded.width, decoded.height);
    let blob = await encode(decoded, type, step);
    if (blob.type !== CLEANABLE_MIME[type]) {
      // Safari writes PNG when asked for WebP: write JPEG instead, under a .jpg name.
      type = 'jpeg';
      step = firstEncodeStep(type, decoded.width, decoded.height);
      blob = await encode(decoded, type, step);
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const next = nextEncodeStep(type, step, blob.size, MEDIA_HEAVY_BYTES);
      if (!next) break;
      step = next;
      blob = await encode(decoded, type, step);
    }
    return {
      file: new File([blob], cleanedName(file.name, type), { type: CLEANABLE_MIME[type], lastModified: Date.now() }),
      width: step.width,
      height: step.height,
    };
  } finally {
    decoded.close();
  }
}

/** The message line above the admin (role status while working, alert for a refusal). */
function showMessage(text: string, kind: 'status' | 'alert' | 'done'): void {
  document.getElementById('buurt-photo-message')?.remove();
  const box = document.createElement('div');
  box.id = 'buurt-photo-message';
  box.className = `buurt-photo-message buurt-photo-message--${kind}`;
  box.setAttribute('role', kind === 'alert' ? 'alert' : 'status');
  const message = document.createElement('p');
  message.textContent = text;
  box.append(message);
  if (kind !== 'status') {
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = t.close;
    close.addEventListener('click', () => box.remove());
    box.append(close);
  }
  document.body.append(box);
}

/** Removes the "is klaar" message once the media library (holding `input`) closes: it would cover the toolbar. */
function removeWhenClosed(input: HTMLInputElement): void {
  const watch = new MutationObserver(() => {
    if (input.isConnected) return;
    watch.disconnect();
    document.querySelector('#buurt-photo-message.buurt-photo-message--done')?.remove();
  });
  watch.observe(document.body, { childList: true, subtree: true });
}

const handedOver = new WeakSet<Event>();

async function cleanPicked(input: HTMLInputElement, files: File[]): Promise<void> {
  const cleaned: { file: File; width: number; height: number }[] = [];
  for (const file of files) {
    showMessage(t.working(file.name), 'status');
    try {
      cleaned.push(await cleanPhoto(file));
    } catch (error) {
      input.value = '';
      showMessage(error instanceof PhotoRefused ? error.message : t.unreadable(file.name), 'alert');
      return;
    }
  }
  if (!input.isConnected) return;
  const transfer = new DataTransfer();
  for (const { file } of cleaned) transfer.items.add(file);
  input.files = transfer.files;
  const last = cleaned[cleaned.length - 1]!;
  showMessage(t.done(last.file.name, last.width, last.height), 'done');
  removeWhenClosed(input);
  const again = new Event('change', { bubbles: true });
  handedOver.add(again);
  input.dispatchEvent(again);
}

/** Cleans every file picked in any file input of the admin before Decap's own handler sees it. */
export function installPhotoCleaning(target: Window = window): void {
  target.addEventListener(
    'change',
    (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'file' || handedOver.has(event)) return;
      const files = [...(input.files ?? [])];
      if (!files.length) return;
      event.stopImmediatePropagation();
      void cleanPicked(input, files);
    },
    true,
  );
}
