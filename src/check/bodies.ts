/** The markdown bodies of a buurt as the site renders them, shared by the checks that read them. */
import type { Entry, LoadedSite } from '../model/content.ts';
import { renderMarkdown, type RenderedMarkdown } from '../markdown/markdown.ts';
import { urls } from '../model/urls.ts';

const rendered = new WeakMap<Entry, RenderedMarkdown>();

/** The entry's body rendered with the buurt's origin; rendered once per loaded buurt. */
export function renderedBody(site: LoadedSite, entry: Entry): RenderedMarkdown {
  let result = rendered.get(entry);
  if (!result) {
    result = renderMarkdown(entry.body, { origin: site.config?.domain });
    rendered.set(entry, result);
  }
  return result;
}

/** Every content file of a buurt, in collection order. */
export function allEntries(site: LoadedSite): Entry[] {
  return Object.values(site.entries).flat() as Entry[];
}

/** The address of the page that shows an entry's body ("/" for the home page's intro `welkom`). */
export function pageUrlOf(entry: Entry): string {
  switch (entry.collection) {
    case 'nieuws':
      return urls.news(entry.id);
    case 'agenda':
      return urls.activity(entry.id);
    case 'groepen':
      return urls.group(entry.id);
    case 'mensen':
      return urls.person(entry.id);
    case 'paginas':
      return entry.id === 'welkom' ? urls.home() : urls.page(entry.id);
    case 'prikbord':
      return urls.prikbordPost(entry.id);
  }
}

/** The file line of the first body line containing `needle`, for problems inside the text. */
export function bodyLineOf(entry: Entry, needle: string): number | undefined {
  const index = entry.body.split('\n').findIndex((line) => line.includes(needle));
  return index >= 0 ? entry.bodyLine + index : undefined;
}
