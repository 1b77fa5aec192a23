/**
 * The search page (/zoeken/): runs the Pagefind index of this buurt in the browser. Loaded as a file from
 * the site itself (no inline script); without it, or when the browser cannot run it, the page keeps its
 * plain explanation with links to the agenda, the news, the groups and who helps. Pagefind (WebAssembly and
 * index) is loaded when the search field gets focus or a query is given, not with the page: opening the page
 * costs an old phone nothing.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void> | void;
  search(query: string): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] } | null>;
}

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 350;
/** Pagefind never answers when its WebAssembly is blocked; after this long the page says search failed. */
const ANSWER_TIMEOUT_MS = 15_000;

const form = document.getElementById('zoekformulier') as HTMLFormElement | null;
const input = document.getElementById('zoekterm') as HTMLInputElement | null;
const statusLine = document.getElementById('zoekstatus');
const list = document.getElementById('zoekresultaten') as HTMLOListElement | null;
const fallback = document.getElementById('zoeken-zonder-script');
const texts = document.getElementById('zoekteksten')?.dataset ?? {};

const text = (key: string, values: Record<string, string | number> = {}) =>
  (texts[key] ?? '').replace(/\{(\w)\}/g, (_, name: string) => String(values[name] ?? ''));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The excerpt Pagefind gives (escaped text with <mark> around matches) as DOM nodes, nothing else. */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body;
  const nodes: Node[] = [];
  parsed.querySelectorAll('p').forEach((p) => {
    p.childNodes.forEach((child) => {
      if (child.nodeName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = child.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(child.textContent ?? ''));
      }
    });
  });
  return nodes;
}

function resultItem(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.soort) {
    const type = document.createElement('p');
    type.className = 'meta';
    type.textContent = data.meta.soort;
    item.append(type);
  }
  const excerpt = document.createElement('p');
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

/** Loads and starts Pagefind; its WebAssembly and index are only fetched once someone is about to search. */
async function loadPagefind(): Promise<PagefindApi> {
  const pagefind = (await import(/* @vite-ignore */ `${'/pagefind/'}pagefind.js`)) as PagefindApi;
  await pagefind.options({ excerptLength: 24 });
  await withTimeout(Promise.resolve(pagefind.init()), ANSWER_TIMEOUT_MS);
  return pagefind;
}

async function start(): Promise<void> {
  if (!form || !input || !statusLine || !list) return;
  // The script runs, so search can work: the explanation for browsers without JavaScript goes (browsers that
  // know `@media (scripting: enabled)` never drew it); it comes back when the index cannot run.
  if (fallback) fallback.hidden = true;
  const showFallback = () => {
    if (!fallback) return;
    fallback.hidden = false;
    fallback.classList.add('search-failed');
  };
  let loading: Promise<PagefindApi | undefined> | undefined;
  const ready = () => {
    if (!loading) {
      loading = loadPagefind().catch(() => {
        statusLine.textContent = text('failed');
        showFallback();
        return undefined;
      });
    }
    return loading;
  };
  // Get the index while someone is still typing their first word.
  input.addEventListener('focus', () => void ready(), { once: true });

  let latest = 0;
  let more: HTMLButtonElement | undefined;

  const run = async (query: string) => {
    const ticket = ++latest;
    more?.remove();
    if (!query.trim()) {
      list.replaceChildren();
      statusLine.textContent = text('empty');
      return;
    }
    statusLine.textContent = text('searching');
    const pagefind = await ready();
    if (!pagefind || ticket !== latest) return;
    let search: Awaited<ReturnType<PagefindApi['search']>>;
    try {
      search = await withTimeout(pagefind.search(query), ANSWER_TIMEOUT_MS);
    } catch {
      if (ticket !== latest) return;
      statusLine.textContent = text('failed');
      showFallback();
      return;
    }
    if (ticket !== latest || !search) return;
    const results = search.results;
    list.replaceChildren();
    statusLine.textContent =
      results.length === 0 ? text('noResults', { q: query }) : text(results.length === 1 ? 'resultOne' : 'resultsMany', { n: results.length, q: query });
    let shown = 0;
    const showNext = async () => {
      const page = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
      if (ticket !== latest) return;
      list.append(...page.map(resultItem));
      shown += page.length;
      more?.remove();
      if (shown < results.length) {
        more = document.createElement('button');
        more.type = 'button';
        more.className = 'search-more';
        more.textContent = text('more', { n: Math.min(PAGE_SIZE, results.length - shown) });
        more.addEventListener('click', () => {
          const focusIndex = shown;
          void showNext().then(() => (list.children[focusIndex]?.querySelector('a') as HTMLAnchorElement | null)?.focus());
        });
        list.after(more);
      }
    };
    await showNext();
  };

  const remember = (query: string) => {
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set('q', query.trim());
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remember(input.value);
      void run(input.value);
    }, TYPING_DELAY_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    void run(input.value);
  });

  const initial = new URL(location.href).searchParams.get('q') ?? '';
  if (initial.trim()) {
    input.value = initial;
    await run(initial);
  }
}

void start();

export {};
