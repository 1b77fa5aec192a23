import { rootDir, sitePaths } from '../../src/core/paths.ts';
import { cmsBranch } from '../platform/local-cms/local-repo.ts';
import { localDraftsEnv, startFunctionsRuntime } from '../functions/mount.ts';
import { serveStatic } from '../platform/serve/serve.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';

export const preview: Command = {
  name: 'preview',
  usage: '<slug> [--port 4321]',
  description: 'Serve the built site of a buurt from dist/<slug>/ on http://127.0.0.1, with its deploy headers (--port 0: any free port).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { port: { type: 'string', default: '4321' } });
    const [slug] = await resolveSlugs(positionals.slice(0, 1), false);
    const { distDir } = sitePaths(slug!);
    try {
      await stat(distDir);
    } catch {
      throw new UsageError(`${slug} has not been built yet; run "buurt build ${slug}" first.`);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}".`);
    // The residents' forms answer too: drafts on the CMS branch buurt-cms/<slug> (made by "buurt dev" or "npm start").
    const functions = await startFunctionsRuntime({ env: localDraftsEnv(slug!, rootDir, cmsBranch(slug!)), onLog: (line) => console.log(line) });
    const server = await serveStatic({ root: distDir, port, intercept: functions.intercept });
    const { port: actual } = server.address() as AddressInfo;
    console.log(`Serving ${distDir} at http://127.0.0.1:${actual}/ with the headers of its _headers file (Ctrl+C stops).`);
    return new Promise<number>(() => {});
  },
};
