/**
 * The shared inputs of every buurt's build: the files outside `sites/<slug>/` that can change what a build
 * writes or how Netlify runs it. They are derived from the build's own dependencies, not listed by hand: from the
 * build's entry points (Astro's conventions, and what netlify.toml runs and deploys) the static import graph is
 * walked (relative imports in `.ts`, `.mjs`, `.js`, `.astro` and `.css` files, including `import('…')` with a
 * literal path and `<script src="…">` in a page), and every string literal in a walked module that names a file
 * or folder of the repository (`'src/admin/admin.ts'` bundled by esbuild, `'docs/redactie'` read by the
 * handleiding) is followed as well. Imports of packages are covered by package.json and the lockfile.
 *
 * The result is committed as `scripts/netlify/shared-inputs.txt` (`npm run inputs:shared` writes it; a test fails
 * when it is stale), because Netlify's ignore command runs before `npm install` and reads it with bash and git
 * only. `buurt build` (fingerprint.ts) and `buurt build --changed` (changed.ts) read the same list.
 *
 * Hand-written rather than a bundler's module graph (esbuild metafile, madge): those resolve packages, need
 * node_modules and the Astro compiler for `.astro` files, and would not see files a module names by path.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PlatformError } from '../../../src/core/errors.ts';
import { rootDir } from '../../../src/core/paths.ts';

/** Where the generated list lives, relative to the repository. */
export const SHARED_INPUTS_FILE = 'scripts/netlify/shared-inputs.txt';

/**
 * Where the walk starts besides what netlify.toml names (`netlifyEntryPoints`), relative to the repository; a
 * folder stands for every file in it. Astro's own conventions (its config, the content collections, the pages,
 * public/), the package files, the compiler settings and netlify.toml itself.
 */
export const ASTRO_ENTRY_POINTS = [
  'astro.config.mjs',
  'src/content.config.ts',
  'src/pages',
  'public',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'netlify.toml',
] as const;

/** Entry points that may be missing (an input as soon as they appear). */
const OPTIONAL_ENTRY_POINTS = new Set(['public']);

/**
 * What netlify.toml runs or deploys with every site: the files the build `command` names
 * (`node scripts/netlify/build.ts`), local build plugins (`package = "/scripts/netlify/cache-plugin"`) and the
 * functions `directory`. Read from the file, so moving the build script only needs netlify.toml changed. The
 * ignore command is left out: it decides whether to build, not what is built.
 */
export function netlifyEntryPoints(toml: string, exists: (relative: string) => boolean): string[] {
  const found: string[] = [];
  for (const match of toml.matchAll(/^\s*(?:command|package|directory)\s*=\s*"([^"]*)"/gm)) {
    for (const word of match[1]!.split(/\s+/)) {
      const relative = word.replace(/^\.?\//, '').replace(/\/$/, '');
      if (relative && !relative.split('/').includes('..') && exists(relative) && !found.includes(relative)) found.push(relative);
    }
  }
  return found;
}

/** The entry points of the build of the repository at `root`; a required one that is missing is an error. */
export function buildEntryPoints(root: string = rootDir): string[] {
  const exists = (relative: string) => existsSync(path.join(root, relative));
  const missing = ASTRO_ENTRY_POINTS.filter((entry) => !OPTIONAL_ENTRY_POINTS.has(entry) && !exists(entry));
  if (missing.length) {
    throw new PlatformError(`The build's entry points ${missing.join(', ')} do not exist in ${root}, so its inputs cannot be derived.`, {
      kind: 'environment',
      hint: 'If they moved, update ASTRO_ENTRY_POINTS in scripts/platform/build/shared-inputs.ts.',
    });
  }
  const toml = readFileSync(path.join(root, 'netlify.toml'), 'utf8');
  return [...ASTRO_ENTRY_POINTS, ...netlifyEntryPoints(toml, exists)];
}

const ENTRY_POINT = '(entry point)';
/** Files that are followed for their imports. */
const CODE = /\.(ts|mts|mjs|js|astro|css)$/;
/** Extensions tried, in order, for an import without one. */
const RESOLVE_EXTENSIONS = ['', '.ts', '.mjs', '.js', '.astro', '/index.ts', '/index.mjs', '/index.js'];
/** Top-level folders a string literal never makes a shared input of: content, output, caches, packages. */
const NOT_SHARED = new Set(['sites', 'templates', 'dist', '.cache', 'node_modules', '.git', 'tests']);

/** Files under the shared paths that never reach a build. */
export function isIgnoredSharedFile(relativePath: string): boolean {
  return /\.test\.ts$/.test(relativePath) || relativePath.split('/').some((part) => part === 'node_modules' || part === '.DS_Store');
}

/**
 * The relative module specifiers a source file imports: `import … from`, `export … from`, bare `import '…'`,
 * `import('…')`, CSS `@import` and the `src`/`href` of a `<script>` or `<link>` in markup. Type-only imports
 * (`import type …`, `export type …`) are left out: they are erased and cannot change a build.
 */
export function relativeImports(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    // Between the keyword and `from` only what an import clause holds: names, braces, commas, `*`, `as`, `type`.
    /\b(import|export)\s+(type\s+)?[\w$\s{},*]*?\bfrom\s*(['"])(\.{1,2}\/[^'"]+)\3/g,
    /\bimport\s*(['"])(\.{1,2}\/[^'"]+)\1/g,
    /\bimport\s*\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*\)/g,
    /@import\s+(?:url\()?\s*(['"])(\.{1,2}\/[^'"]+)\1/g,
    // Markup: `<script src="../../../src/scripts/search.ts">` in an .astro file (Astro bundles it), a stylesheet link.
    /<(?:script|link)\b[^>]*?\b(?:src|href)=(['"])(\.{1,2}\/[^'"]+)\1/g,
  ];
  for (const [index, pattern] of patterns.entries()) {
    for (const match of source.matchAll(pattern)) {
      if (index === 0) {
        if (match[2]) continue;
        found.push(match[4]!);
      } else found.push(match[2]!);
    }
  }
  return found;
}

/**
 * Quoted string literals outside comments that look like a path from the repository's root
 * (`'src/admin/admin.ts'`, `"docs/redactie"`). Backquoted text is left out: comments quote paths that way.
 */
export function repositoryPathLiterals(source: string): string[] {
  const found: string[] = [];
  for (const match of withoutComments(source).matchAll(/(['"])([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+)\/?\1/g)) {
    const literal = match[2]!;
    if (!literal.split('/').some((part) => part === '.' || part === '..')) found.push(literal);
  }
  return found;
}

/**
 * The source without the comments that start a line (`/** … *\/`, `// …`): enough for this codebase's doc
 * comments, and never mistakes a glob in a string (`'content/**\/*.md'`) for the start of a comment.
 */
function withoutComments(source: string): string {
  return source.replace(/^[ \t]*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Every regular file below `dir` (relative to `root`, forward slashes), skipping node_modules. */
async function filesBelow(root: string, dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...(await filesBelow(root, relative)));
    } else if (entry.isFile()) files.push(relative);
  }
  return files;
}

/** The repository-relative path of `target`, or undefined when it lies outside `root`. */
function insideRoot(root: string, target: string): string | undefined {
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

function resolveImport(root: string, fromFile: string, specifier: string): string | undefined {
  const bare = specifier.replace(/[?#].*$/, '');
  const base = path.resolve(root, path.dirname(fromFile), bare);
  for (const extension of RESOLVE_EXTENSIONS) {
    const candidate = `${base}${extension}`;
    if (existsSync(candidate) && statSync(candidate).isFile()) return insideRoot(root, candidate);
  }
  return undefined;
}

export interface SharedInputs {
  /** Files, and folders (ending in `/`) whose every file is an input, sorted. */
  inputs: string[];
  /** Imports that resolved to no file, as `importer: specifier` (a broken import fails the build anyway). */
  unresolved: string[];
  /** Why each file is an input: the module that imports or names it, or "(entry point)". */
  reasons: Map<string, string>;
}

/**
 * Walks the build's dependencies from its entry points (`buildEntryPoints`) below `root`. An entry point that does
 * not exist is kept in the list (a `public/` added later is an input at once). A folder, as an entry point or named by a string
 * literal, stays one entry: a page added to src/pages/, or a chapter to docs/redactie/, is an input at once.
 */
export async function deriveSharedInputs(root: string = rootDir, entryPoints: readonly string[] = buildEntryPoints(root)): Promise<SharedInputs> {
  const inputs = new Set<string>();
  const folders = new Set<string>();
  const unresolved: string[] = [];
  const queue: string[] = [];
  const reasons = new Map<string, string>();
  let current = ENTRY_POINT;
  const visit = (file: string) => {
    if (inputs.has(file) || isIgnoredSharedFile(file)) return;
    inputs.add(file);
    reasons.set(file, current);
    if (CODE.test(file)) queue.push(file);
  };
  const follow = async (relative: string, asFolder: boolean) => {
    const info = await stat(path.join(root, relative)).catch(() => undefined);
    if (info?.isDirectory()) {
      if (asFolder) folders.add(relative);
      for (const file of await filesBelow(root, relative)) visit(file);
    } else if (info?.isFile()) visit(relative);
    return info;
  };
  for (const entry of entryPoints) {
    const info = await follow(entry, true);
    if (!info) inputs.add(entry);
  }
  while (queue.length) {
    const file = queue.shift()!;
    current = file;
    const source = await readFile(path.join(root, file), 'utf8');
    for (const specifier of relativeImports(source)) {
      const target = resolveImport(root, file, specifier);
      if (target) visit(target);
      else unresolved.push(`${file}: ${specifier}`);
    }
    for (const literal of repositoryPathLiterals(source)) {
      if (NOT_SHARED.has(literal.split('/')[0]!) || literal === SHARED_INPUTS_FILE) continue;
      current = `${file} (names '${literal}')`;
      await follow(literal, true);
      current = file;
    }
  }
  const listed = [...folders].map((folder) => `${folder}/`);
  for (const file of inputs) {
    if (![...folders].some((folder) => file.startsWith(`${folder}/`))) listed.push(file);
  }
  return { inputs: listed.sort(), unresolved: unresolved.sort(), reasons };
}

/**
 * Why `file` is a shared input, as a chain from the file back to an entry point
 * ("src/core/git.ts ← src/cms/local-backend.ts ← src/integrations/cms.ts ← astro.config.mjs"), or a sentence
 * saying it is not one.
 */
export function whyShared(derived: SharedInputs, file: string): string {
  if (!derived.reasons.has(file)) return `${file} is not a shared input: no buurt rebuilds when it changes.`;
  const chain = [file];
  let current = file;
  while (chain.length < 1000) {
    const reason = derived.reasons.get(current);
    if (!reason || reason === ENTRY_POINT) {
      chain.push(ENTRY_POINT);
      break;
    }
    chain.push(reason);
    current = reason.replace(/ \(names '.*'\)$/, '');
  }
  return chain.join(' ← ');
}

const HEADER = [
  '# The shared inputs of every buurt’s build: a change to one of these files (or to anything in a folder ending',
  '# in /) rebuilds every buurt; see docs/architecture/incremental-builds.md. Generated from the build’s import',
  '# graph by `npm run inputs:shared` (scripts/platform/build/shared-inputs.ts); do not edit by hand. Read by',
  '# scripts/netlify/ignore.sh (bash and git only), `buurt build` and `buurt build --changed`.',
];

/** The text of the generated list file. */
export function formatSharedInputs(inputs: readonly string[]): string {
  return `${[...HEADER, ...inputs].join('\n')}\n`;
}

/** Parses the list file: one path a line; `#` comments and blank lines skipped. */
export function parseSharedInputs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const cache = new Map<string, string[]>();

/** The committed shared inputs of the repository at `root` (read once per process). */
export function readSharedInputs(root: string = rootDir): string[] {
  const cached = cache.get(root);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path.join(root, SHARED_INPUTS_FILE), 'utf8');
  } catch (error) {
    throw new PlatformError(`The list of shared build inputs, ${SHARED_INPUTS_FILE}, cannot be read in ${root}.`, {
      kind: 'environment',
      hint: 'Generate it with "npm run inputs:shared" and commit it.',
      cause: error,
    });
  }
  const inputs = parseSharedInputs(text);
  cache.set(root, inputs);
  return inputs;
}

/** True when `file` (relative to the repository) is one of `inputs` or lies in one of its folders. */
export function isSharedInput(file: string, inputs: readonly string[]): boolean {
  if (isIgnoredSharedFile(file)) return false;
  return inputs.some((input) => (input.endsWith('/') ? file.startsWith(input) : file === input || file.startsWith(`${input}/`)));
}
