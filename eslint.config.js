// ESLint flat config: typescript-eslint's recommended rules for TypeScript and JavaScript, eslint-plugin-astro's
// for .astro files. Formatting is Prettier's job; type errors are tsc's and astro check's (npm run typecheck).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', '.cache/', '.astro/', 'node_modules/', 'bench-results/', 'sites/', 'templates/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `import('./x.ts').T` in a type position stays allowed: it names a lazily loaded module's type without a
      // top-level import (scripts/platform/build/build.ts loads the checks while Astro starts).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Tests read parsed JSON (JSON-LD, Pagefind's index, CLI output) whose shape the assertions check.
    files: ['tests/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Code that runs in the browser: the search page's script and the CMS admin script.
    files: ['src/scripts/**', 'src/admin/**', 'src/**/*.astro'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
