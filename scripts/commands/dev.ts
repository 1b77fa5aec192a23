import { rootDir } from '../../src/core/paths.ts';
import { explainLocalEditing } from '../platform/local-cms/explain.ts';
import { startLocalEditing } from '../platform/local-cms/local-editing.ts';
import { cmsBranch } from '../platform/local-cms/local-repo.ts';
import { localDraftsEnv, startFunctionsRuntime } from '../functions/mount.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

export const dev: Command = {
  name: 'dev',
  usage: '<slug> [--port 4321] [--verbose]',
  description: 'Edit a buurt locally: the site in dev mode and its CMS at /admin/, every save a commit on the branch buurt-cms/<slug>.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { port: { type: 'string', default: '4321' }, verbose: { type: 'boolean', default: false } });
    if (positionals.length !== 1) throw new UsageError('Name exactly one buurt to edit.');
    const [slug] = await resolveSlugs(positionals, false);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`"${values.port}" is not a port number.`);
    console.log(`Starting local editing of ${slug}…`);
    // The residents' forms (/meedoen/, /nieuwsbrief/) answer as on Netlify and as with `npm start`: drafts on the
    // CMS branch, mail into .cache/outbox/. The dev server forwards their paths to this process.
    const functions = await startFunctionsRuntime({ env: localDraftsEnv(slug!, rootDir, cmsBranch(slug!)), onLog: (line) => console.log(`  ${line}`) });
    try {
      const editing = await startLocalEditing({
        slug: slug!,
        repoDir: rootDir,
        port,
        mode: 'dev',
        functions,
        onLog: (line) => {
          if (values.verbose || /error|warn/i.test(line)) console.log(`  ${line}`);
        },
      });
      console.log(explainLocalEditing(slug!, editing, 'dev'));
      const stop = () =>
        void editing
          .stop()
          .then(() => functions.stop())
          .then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return await new Promise<number>(() => {});
    } catch (error) {
      // A LocalEditingError is a PlatformError: scripts/buurt.ts prints it and picks the exit code.
      await functions.stop();
      throw error;
    }
  },
};
