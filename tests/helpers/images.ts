/**
 * Binary image fixtures, made in the test instead of committed: phone photos with GPS, decompression bombs,
 * truncated files and files that lie about their type.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** A plain photo of `width`×`height` in `format`, without metadata. */
export function photo(width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'gif' = 'jpeg', colour = '#4a7'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer();
}

/** A place in Amsterdam, as a phone writes it in EXIF. */
export const GPS_EXIF = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '52/1 22/1 2616/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '4/1 53/1 4166/100',
};

/**
 * A JPEG as a phone makes it: stored `width`×`height` but EXIF Orientation 6 (shown a quarter turn
 * clockwise, so `height`×`width`), GPS coordinates, camera make and model, XMP with a location and an IPTC
 * caption and city.
 */
export async function phonePhoto(width = 1200, height = 900): Promise<Buffer> {
  // A left half and a right half in different colours, to see which way it was turned.
  const left = await sharp({ create: { width: width / 2, height, channels: 3, background: '#d22' } })
    .png()
    .toBuffer();
  const jpeg = await sharp({ create: { width, height, channels: 3, background: '#22d' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'Fruitphone', Model: '15 Pro', Software: 'Camera 1.0' }, IFD3: GPS_EXIF })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" ' +
        'exif:GPSLatitude="52,22.436N" exif:GPSLongitude="4,53.694E" photoshop:City="Amsterdam"/></rdf:RDF></x:xmpmeta>',
    )
    .withMetadata({ orientation: 6 })
    .toBuffer();
  return withIptc(jpeg, { caption: 'Ons huis, Kroonstraat 12', city: 'Amsterdam' });
}

/** Inserts an IPTC block (Photoshop APP13 segment) with a caption and city after the JPEG's SOI marker. */
export function withIptc(jpeg: Buffer, fields: { caption: string; city: string }): Buffer {
  const dataset = (record: number, text: string) => {
    const value = Buffer.from(text, 'utf8');
    const head = Buffer.from([0x1c, 0x02, record, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    return Buffer.concat([head, value]);
  };
  const iptc = Buffer.concat([dataset(120, fields.caption), dataset(90, fields.city)]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  const resource = Buffer.concat([Buffer.from('8BIM'), Buffer.from([0x04, 0x04, 0, 0]), size, iptc, Buffer.alloc(iptc.length % 2)]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const marker = Buffer.from([0xff, 0xed, 0, 0]);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}

/** A tiny PNG (under 100 bytes) whose header claims `width`×`height` pixels: a decompression bomb. */
export async function pngBomb(width = 30_000, height = 30_000): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

/** The first `fraction` of a file: an upload cut off halfway. */
export function truncated(bytes: Buffer, fraction = 0.5): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length * fraction));
}

/** The first bytes of an iPhone HEIC photo (an ISO-BMFF "ftyp heic" box) and some data. */
export function heicBytes(): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftypheic', 4, 'latin1');
  box.write('mif1heic', 16, 'latin1');
  return Buffer.concat([box, Buffer.alloc(200, 7)]);
}

/** An SVG drawing with a script in it. */
export const SVG_WITH_SCRIPT = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n';
