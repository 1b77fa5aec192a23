/**
 * Prints a page of a built buurt to PDF (`buurt krant`, `buurt poster`): the site in dist/<slug>/ is served on
 * 127.0.0.1 with its deploy headers, exactly as `buurt preview` does, and Debian's Chromium prints the page with
 * the page size and margins of its own print stylesheet (A4). Chromium stays off the network.
 */
import { stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { PlatformError } from '../../src/core/errors.ts';
import { serveStatic } from '../platform/serve/serve.ts';
import { htmlFileOf } from '../audit/budgets.ts';
import { chromiumPath, isLocalUrl, OFFLINE_FLAGS } from '../audit/chromium.ts';

/**
 * A page that is not in the built site (`buurt krant` and `buurt poster` add what exists instead). A `state` error:
 * the built site lacks the page, not the command its arguments.
 */
export class MissingPageError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'state' });
    this.name = 'MissingPageError';
  }
}

export interface PrintOptions {
  /** The built site: dist/<slug>/. */
  distDir: string;
  /** The page's address: "/krant/2027/01/". */
  pathname: string;
  /** Where the PDF goes. */
  out: string;
}

export interface PrintResult {
  out: string;
  pages: number;
  bytes: number;
}

/** Prints `pathname` of the built site to `out`; returns its page count. Throws MissingPageError when not built. */
export async function printPage(options: PrintOptions): Promise<PrintResult> {
  try {
    await stat(htmlFileOf(options.distDir, options.pathname));
  } catch {
    throw new MissingPageError(`${options.pathname} is not in the built site ${options.distDir}.`);
  }
  const executablePath = chromiumPath('Printing to PDF');
  const server = await serveStatic({ root: options.distDir, port: 0 });
  const browser = await chromium.launch({ executablePath, headless: true, args: [...OFFLINE_FLAGS] });
  try {
    const context = await browser.newContext({ locale: 'nl-NL' });
    await context.route('**/*', (route) => (isLocalUrl(route.request().url()) ? route.continue() : route.abort()));
    const page = await context.newPage();
    const { port } = server.address() as AddressInfo;
    const response = await page.goto(`http://127.0.0.1:${port}${options.pathname}`, { waitUntil: 'load' });
    if (!response?.ok()) throw new MissingPageError(`${options.pathname} answered ${response?.status() ?? 'nothing'} on the local server.`);
    // Photos are lazy or eager; printing waits for every one that is in the document.
    await page.evaluate(() => Promise.all([...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined)))));
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
    await writeFile(options.out, pdf);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    return { out: options.out, pages, bytes: pdf.length };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
