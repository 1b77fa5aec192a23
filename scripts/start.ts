/**
 * `npm start`: builds the demo buurt and serves it at http://127.0.0.1:4321 with a working CMS at /admin/.
 * Saves are commits on the branch buurt-cms/<slug>, made by our local backend with git plumbing (your checkout is
 * never touched); the site is rebuilt after each published edit. See docs/maintainers/local-editing.md.
 */
import { explainLocalEditing } from './platform/local-cms/explain.ts';
import { startLocalEditing } from './platform/local-cms/local-editing.ts';
import { cmsBranch } from './platform/local-cms/local-repo.ts';
import { localDraftsEnv, startFunctionsRuntime } from './functions/mount.ts';
import { rootDir } from '../src/core/paths.ts';
import { isPlatformError } from '../src/core/errors.ts';
import { escapeConsoleOutput, exitCodeFor, formatError } from './cli.ts';

// The log lines of the build and the CMS can quote a buurt's content.
escapeConsoleOutput();

const slug = process.env.BUURT ?? 'voorbeeldwijk';
const port = Number(process.env.PORT ?? 4321);

console.log(`Building ${slug} and starting its CMS…`);
try {
  // The residents' forms (/meedoen/) answer as on Netlify: drafts on the CMS branch, mail into .cache/outbox/.
  const functions = await startFunctionsRuntime({ env: localDraftsEnv(slug, rootDir, cmsBranch(slug)), onLog: (line) => console.log(line) });
  const editing = await startLocalEditing({
    slug,
    // BUURT_REPO_DIR: another clone holding sites/ (the bench starts on one, so its branch is made there).
    repoDir: process.env.BUURT_REPO_DIR ?? rootDir,
    port,
    mode: 'static',
    functions,
    onLog: (line) => {
      if (/built|rebuild|error|fail/i.test(line)) console.log(line);
    },
  });
  console.log(explainLocalEditing(slug, editing, 'static'));
  const stop = () =>
    void editing
      .stop()
      .then(() => functions.stop())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // Printed and mapped to an exit code as by the buurt CLI (a LocalEditingError, a ContentError, …); a bug throws.
  if (isPlatformError(error)) {
    console.error(formatError(error));
    process.exit(exitCodeFor(error));
  }
  throw error;
}
