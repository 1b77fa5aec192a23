/** The parts of Decap CMS's browser globals our admin script uses (decap-cms.js sets them). */

/** Decap's entries and fields are Immutable.js values. */
export interface ImmutableValue {
  get(key: string): unknown;
  getIn(path: readonly (string | number)[]): unknown;
  toJS(): unknown;
}

export interface PreviewProps {
  entry: ImmutableValue;
  widgetFor(name: string): unknown;
  getAsset(path: string): { toString(): string } | undefined;
}

export interface DecapCms {
  registerPreviewStyle(style: string, options?: { raw?: boolean }): void;
  registerPreviewTemplate(name: string, component: (props: PreviewProps) => unknown): void;
  registerEventListener(listener: { name: string; handler: (event: { entry: ImmutableValue }) => unknown }): void;
  registerLocale(locale: string, phrases: unknown): void;
  getLocale(locale: string): Record<string, unknown> | undefined;
  /** The registry entry of a backend; `init` makes the backend object (decap-cms-core lib/registry.js). */
  getBackend(name: string): { init: (...args: unknown[]) => DecapBackend } | undefined;
}

/** The part of a Decap backend implementation we wrap. */
export interface DecapBackend {
  persistEntry(entry: { dataFiles: { slug?: string; path: string }[] }, options: { commitMessage: string } & Record<string, unknown>): Promise<unknown>;
}

export type CreateElement = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;
