/**
 * QR codes for the printed pages (the wijkkrant, posters), made at build time as inline SVG: no script, no
 * image request, sharp at any print size. The modules come from the maintained `qrcode` package; the markup
 * is ours so it carries a label for screen readers and no inline style (the strict CSP forbids it).
 * Why not qrcode's own SVG (`QRCode.toString`): it has no role or label for screen readers.
 */
import QRCode from 'qrcode';
import { escapeHtml } from '../markdown/markdown.ts';

/** The SVG of a QR code for `url`, labelled `label` ("QR-code naar de website"). */
export function qrSvg(url: string, label: string): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const quiet = 4;
  const total = size + 2 * quiet;
  let path = '';
  for (let row = 0; row < size; row++) {
    let run = 0;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && modules.get(row, col);
      if (dark) run++;
      else if (run) {
        path += `M${col - run + quiet} ${row + quiet}h${run}v1h-${run}z`;
        run = 0;
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${total} ${total}" role="img" aria-label="${escapeHtml(label)}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}
