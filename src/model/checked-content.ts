/**
 * Hands the content the CLI has checked to the Astro process that builds it, so the build uses exactly the
 * files that passed the check (an edit in between cannot slip past it) and does not read and parse every
 * file a second time (for 1,300 items that parse is half a second on the build's critical path).
 *
 * `buildSite` starts Astro and the check side by side and tells Astro where the content will be
 * (`BUURT_CHECKED_CONTENT`); the content loaders wait for that file. When the check finds errors, Astro is
 * stopped before it gets that far. Without the variable (dev server, a bare `astro build`) the loaders read the
 * files themselves.
 *
 * The check renders every body (to check its links and images); those renderings go along, so the pages do not
 * render the same markdown again.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { Entry, LoadedSite } from './content.ts';
import type { RenderedBody } from '../markdown/markdown.ts';
import type { CollectionName } from '../core/paths.ts';
import type { SiteConfig } from './schemas.ts';

/** What the loaders need of one entry (`lineOf` and other functions stay behind), with its rendered body. */
export type CheckedEntry<C extends CollectionName = CollectionName> = Pick<Entry<C>, 'id' | 'file' | 'data' | 'body'> & { rendered?: RenderedBody };

export interface CheckedContent {
  config: SiteConfig;
  entries: { [C in CollectionName]: CheckedEntry<C>[] };
}

/** The environment variable naming the file. */
export const CHECKED_CONTENT_ENV = 'BUURT_CHECKED_CONTENT';

/** How long a loader waits for the check before the build gives up. */
export const CHECKED_CONTENT_TIMEOUT_MS = 120_000;

/**
 * Writes the checked content of `site` to `file` (whole or not at all: readers never see half a file), each body
 * as `rendered` gives it (the check's rendering, with the buurt's origin).
 */
export async function writeCheckedContent(file: string, site: LoadedSite, rendered?: (entry: Entry) => RenderedBody): Promise<void> {
  if (!site.config) throw new Error(`${site.slug} has no valid site.yaml; there is no checked content to hand over`);
  const handOver = (entry: Entry): CheckedEntry => {
    const { id, file, data, body } = entry;
    if (!rendered) return { id, file, data, body };
    const { html, images, placeholderToken } = rendered(entry);
    return { id, file, data, body, rendered: { html, images, placeholderToken } };
  };
  const entries = Object.fromEntries(
    Object.entries(site.entries).map(([collection, list]) => [collection, (list as Entry[]).map(handOver)]),
  ) as unknown as CheckedContent['entries'];
  const content: CheckedContent = { config: site.config, entries };
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, serialize(content));
  await rename(temp, file);
}

/** Removes a hand-over file (also one a killed build left). */
export async function removeCheckedContent(file: string): Promise<void> {
  await rm(file, { force: true });
}

const READS = Symbol.for('buurtsites.checked-content.reads');

/**
 * Reads, shared by every copy of this module in the process: the content loaders load it through Vite, the
 * search integration through Node, and both need the same hand-over.
 */
const shared = globalThis as { [READS]?: Map<string, Promise<CheckedContent>> };
const reads = (shared[READS] ??= new Map());

/** The checked content in `file`, waiting until the check has written it; read once per process (do not change it). */
export function readCheckedContent(file: string, timeoutMs = CHECKED_CONTENT_TIMEOUT_MS): Promise<CheckedContent> {
  let read = reads.get(file);
  if (!read) {
    read = waitFor(file, timeoutMs).then(async () => deserialize(await readFile(file)) as CheckedContent);
    reads.set(file, read);
  }
  return read;
}

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await stat(file);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`The checked content (${file}) did not arrive within ${timeoutMs / 1000} s; the build stops here`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
