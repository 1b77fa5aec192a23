/**
 * Where the build's search indexer waits for pages: the integration (which runs in Astro's process) puts it
 * here when the build starts, and the middleware that sees each rendered page hands the page over. A global
 * is the one thing both share: the middleware is bundled with the pages, the integration is loaded with the
 * config. Nothing else, and nothing during `astro dev`, uses it.
 */
const KEY = Symbol.for('buurtsites.search-index.pages');

/** Takes pages as they are rendered. */
export interface PageSink {
  add(url: string, html: string): void;
}

/** Sets (or, with undefined, removes) the receiver of rendered pages. */
export function setPageSink(sink: PageSink | undefined): void {
  (globalThis as Record<symbol, PageSink | undefined>)[KEY] = sink;
}

/** The receiver of rendered pages, while a build is indexing. */
export function pageSink(): PageSink | undefined {
  return (globalThis as Record<symbol, PageSink | undefined>)[KEY];
}
