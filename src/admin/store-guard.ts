/**
 * Loaded BEFORE decap-cms.js: puts one guard into Decap's Redux store, through the hook Redux DevTools uses
 * (`window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__`, which decap-cms-core/src/redux/index.ts passes to
 * `composeWithDevTools` when it creates the store). Decap offers no other way in.
 *
 * The guard: after "Nu publiceren", Decap reloads the published entry and then replaces the open form with
 * it (decap-cms-core actions/editorialWorkflow.ts `publishUnpublishedEntry` → `loadEntry` →
 * `createDraftFromEntry`), even when the editor has meanwhile opened a new entry or another one: the new
 * form then shows the published entry, and typing there edits the wrong thing. The guard drops that one
 * reload's form update unless the published entry itself is still open.
 *
 * Bundled by esbuild into /admin/buurt-admin-store.js (src/cms/admin-files.ts).
 */
import { isEntryRoute } from '../cms/routes.ts';

type Action = { type?: string; payload?: { collection?: unknown; slug?: unknown; entry?: { collection?: unknown; slug?: unknown } } };
type Dispatch = (action: Action) => unknown;
type Store = { dispatch: Dispatch };
type StoreCreator = (...args: unknown[]) => Store;
type Enhancer = (next: StoreCreator) => StoreCreator;

declare global {
  interface Window {
    __REDUX_DEVTOOLS_EXTENSION_COMPOSE__?: (...args: unknown[]) => unknown;
  }
}

/** Published entries ("nieuws/straatspeeldag") whose reload has not reached the form yet. */
const reloading = new Set<string>();

/** False for an action the form must not see. */
function letThrough(action: Action): boolean {
  if (action.type === 'UNPUBLISHED_ENTRY_PUBLISH_SUCCESS') {
    reloading.add(`${String(action.payload?.collection)}/${String(action.payload?.slug)}`);
  } else if (action.type === 'DRAFT_CREATE_FROM_ENTRY') {
    const entry = action.payload?.entry;
    const key = `${String(entry?.collection)}/${String(entry?.slug)}`;
    if (reloading.delete(key)) return isEntryRoute(window.location.hash, String(entry?.collection), String(entry?.slug));
  }
  return true;
}

const guard: Enhancer =
  (next) =>
  (...args) => {
    const store = next(...args);
    const dispatch: Dispatch = (action) => (letThrough(action) ? store.dispatch(action) : action);
    return { ...store, dispatch };
  };

function compose(...funcs: ((value: unknown) => unknown)[]): (value: unknown) => unknown {
  return funcs.reduceRight<(value: unknown) => unknown>(
    (inner, outer) => (value) => outer(inner(value)),
    (value) => value,
  );
}

// Decap calls composeWithDevTools(applyMiddleware(thunk, …)); the guard goes innermost, so the actions that
// thunks dispatch pass it too.
window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__ = (...funcs: unknown[]) => {
  if (funcs.length === 0) return undefined;
  if (typeof funcs[0] === 'object') return (...enhancers: Enhancer[]) => compose(...(enhancers as never[]), guard as never);
  return compose(...(funcs as never[]), guard as never);
};
