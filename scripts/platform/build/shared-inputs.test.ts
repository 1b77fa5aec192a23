import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trackedFilesNamed } from '../../../tests/helpers/repo-files.ts';
import { rootDir } from '../../../src/core/paths.ts';
import {
  buildEntryPoints,
  deriveSharedInputs,
  formatSharedInputs,
  isSharedInput,
  netlifyEntryPoints,
  parseSharedInputs,
  relativeImports,
  repositoryPathLiterals,
  SHARED_INPUTS_FILE,
  whyShared,
} from './shared-inputs.ts';

describe('the committed list of shared inputs', () => {
  it('is what the build’s import graph says (run "npm run inputs:shared" when this fails)', async () => {
    const derived = await deriveSharedInputs(rootDir);
    expect(derived.unresolved).toEqual([]);
    expect(await readFile(path.join(rootDir, SHARED_INPUTS_FILE), 'utf8')).toBe(formatSharedInputs(derived.inputs));
  });

  it('holds the components, the schemas, the handleiding and the admin script, but not the guard or the report command', async () => {
    const derived = await deriveSharedInputs(rootDir);
    const shared = (file: string) => isSharedInput(file, derived.inputs);
    const code = trackedFilesNamed('NewsItem.astro', 'BaseLayout.astro', 'schemas.ts', 'astro.config.mjs', 'package-lock.json', 'admin.ts', 'search.ts');
    for (const file of code) {
      expect(shared(file), whyShared(derived, file)).toBe(true);
    }
    expect(shared('docs/redactie/README.md')).toBe(true);
    // The HSTS preload list in the platform settings ends up in every site's _headers.
    expect(shared('.buurt/platform.yaml')).toBe(true);
    for (const file of trackedFilesNamed('guard.ts', 'codeowners.ts', 'secrets.ts', 'erase.ts', 'report.ts', 'restore.ts', 'audit.ts', 'README.md')) {
      if (file.startsWith('docs/redactie/')) continue;
      // scripts/commands/audit.ts is a command; report/audit.ts feeds the report page built into every site.
      if (file.endsWith('report/audit.ts')) continue;
      expect(shared(file), `${file}: ${whyShared(derived, file)}`).toBe(false);
    }
    expect(shared('src/lib/schemas.test.ts')).toBe(false);
  });
});

describe('walking the import graph', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'buurt-inputs-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  async function write(files: Record<string, string>) {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
  }

  it('follows imports from the entry points and leaves out code no entry point reaches', async () => {
    await write({
      'astro.config.mjs': "import { a } from './src/lib/a.ts';\nexport default {};\n",
      'src/pages/index.astro': "---\nimport Card from '../components/Card.astro';\nimport type { T } from '../lib/types.ts';\n---\n<Card />\n",
      'src/components/Card.astro': "---\nimport { b } from '../lib/b';\n---\n<style>@import '../styles/card.css';</style>\n",
      'src/styles/card.css': "@import url('./base.css');\n",
      'src/styles/base.css': 'body {}\n',
      'src/lib/a.ts': "export const a = await import('./lazy.ts');\n",
      'src/lib/lazy.ts': "export const files = path.join(rootDir, 'docs/redactie');\n// see 'src/lib/commented.ts'\n",
      'src/lib/b.ts': "export * from './c.ts';\n",
      'src/lib/c.ts': "import './side-effect.ts';\n",
      'src/lib/side-effect.ts': '',
      'src/lib/types.ts': 'export type T = 1;\n',
      'src/lib/commented.ts': '',
      'src/lib/guard.ts': "import { a } from './a.ts';\n",
      'src/lib/a.test.ts': "import { a } from './a.ts';\n",
      'docs/redactie/README.md': '# Handleiding\n',
      'docs/intern.md': 'no\n',
    });
    const entryPoints = ['astro.config.mjs', 'src/pages', 'public'];
    const derived = await deriveSharedInputs(root, entryPoints);
    expect(derived.inputs).toEqual([
      'astro.config.mjs',
      'docs/redactie/',
      'public',
      'src/components/Card.astro',
      'src/lib/a.ts',
      'src/lib/b.ts',
      'src/lib/c.ts',
      'src/lib/lazy.ts',
      'src/lib/side-effect.ts',
      'src/pages/',
      'src/styles/base.css',
      'src/styles/card.css',
    ]);
    expect(whyShared(derived, 'src/lib/c.ts')).toBe('src/lib/c.ts ← src/lib/b.ts ← src/components/Card.astro ← src/pages/index.astro ← (entry point)');
    expect(whyShared(derived, 'docs/redactie/README.md')).toBe(
      "docs/redactie/README.md ← src/lib/lazy.ts (names 'docs/redactie') ← src/lib/a.ts ← astro.config.mjs ← (entry point)",
    );
    expect(whyShared(derived, 'src/lib/guard.ts')).toBe('src/lib/guard.ts is not a shared input: no buurt rebuilds when it changes.');

    // A module moved to another folder: derived again, the list follows it.
    await rm(path.join(root, 'src/lib/c.ts'));
    await write({ 'scripts/platform/c.ts': "import '../../src/lib/side-effect.ts';\n", 'src/lib/b.ts': "export * from '../../scripts/platform/c.ts';\n" });
    const moved = await deriveSharedInputs(root, entryPoints);
    expect(moved.inputs).toContain('scripts/platform/c.ts');
    expect(moved.inputs).not.toContain('src/lib/c.ts');
    expect(moved.inputs).toContain('src/lib/side-effect.ts');
  });

  it('starts from Astro’s conventions and what netlify.toml runs and deploys, wherever that moved', async () => {
    const toml = [
      '[build]',
      '  command = "node tools/deploy/build.ts --quiet"',
      '  ignore = "bash ./tools/deploy/ignore.sh"',
      '[[plugins]]',
      '  package = "/tools/deploy/cache-plugin"',
      '[functions]',
      '  directory = "api/"',
    ].join('\n');
    await write({
      'netlify.toml': toml,
      'tools/deploy/build.ts': '',
      'tools/deploy/ignore.sh': '',
      'tools/deploy/cache-plugin/index.js': '',
      'api/a.ts': '',
    });
    const exists = (relative: string) => existsSync(path.join(root, relative));
    expect(netlifyEntryPoints(toml, exists)).toEqual(['tools/deploy/build.ts', 'tools/deploy/cache-plugin', 'api']);
    expect(() => buildEntryPoints(root)).toThrow(
      `The build's entry points astro.config.mjs, src/content.config.ts, src/pages, package.json, package-lock.json, tsconfig.json do not exist in ${root}`,
    );
    expect(netlifyEntryPoints(await readFile(path.join(rootDir, 'netlify.toml'), 'utf8'), (relative) => existsSync(path.join(rootDir, relative)))).toEqual(
      expect.arrayContaining([expect.stringMatching(/build\.ts$/)]),
    );
  });

  it('reports an import that names no file', async () => {
    await write({ 'astro.config.mjs': "import './src/missing.ts';\n" });
    expect((await deriveSharedInputs(root, ['astro.config.mjs'])).unresolved).toEqual(['astro.config.mjs: ./src/missing.ts']);
  });
});

describe('reading sources', () => {
  it('finds value imports, re-exports, dynamic imports and CSS imports, not type-only imports or packages', () => {
    const source = [
      "import a from './a.ts';",
      "import { type B, c } from '../c.ts';",
      "import type { D } from './d.ts';",
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "import './g.css';",
      "const h = await import('./h.ts');",
      "import i from 'astro/zod';",
      "import j from './j.svg?raw';",
      "@import url('./k.css');",
      '<script src="../scripts/l.ts"></script>',
      '<link rel="stylesheet" href="./m.css" />',
      '<script src="https://example.org/n.js"></script>',
      'export type O = { p: string }',
      "import q from './q.ts'",
      "import {\n  r,\n  type R,\n} from './r.ts';",
    ].join('\n');
    expect(relativeImports(source).sort()).toEqual([
      '../c.ts',
      '../scripts/l.ts',
      './a.ts',
      './e.ts',
      './g.css',
      './h.ts',
      './j.svg?raw',
      './k.css',
      './m.css',
      './q.ts',
      './r.ts',
    ]);
  });

  it('takes quoted repository paths from code, not from comments or template literals', () => {
    const source = [
      "/** Reads `src/admin/x.ts` and 'src/admin/y.ts'. */",
      "const z = bundle('src/admin/admin.ts');",
      'const docs = path.join(root, "docs/redactie/");',
      "// path.join(root, 'docs/old')",
      "const up = path.join(here, '../../..');",
      'const t = `src/${name}.ts`;',
      "const u = glob('content/**/*.md'); const v = path.join(root, 'src/styles/site.css');",
    ].join('\n');
    expect(repositoryPathLiterals(source)).toEqual(['src/admin/admin.ts', 'docs/redactie', 'src/styles/site.css']);
  });

  it('parses the list file and matches files and folders', () => {
    const inputs = parseSharedInputs(formatSharedInputs(['docs/redactie/', 'src/lib/a.ts', 'public']));
    expect(inputs).toEqual(['docs/redactie/', 'src/lib/a.ts', 'public']);
    expect(isSharedInput('docs/redactie/img/x.png', inputs)).toBe(true);
    expect(isSharedInput('docs/redactie.md', inputs)).toBe(false);
    expect(isSharedInput('src/lib/a.ts', inputs)).toBe(true);
    expect(isSharedInput('src/lib/a.tsx', inputs)).toBe(false);
    expect(isSharedInput('public/favicon.ico', inputs)).toBe(true);
    expect(isSharedInput('src/lib/a.test.ts', ['src/lib/'])).toBe(false);
  });
});
