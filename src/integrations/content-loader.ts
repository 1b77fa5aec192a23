/**
 * Astro content loader for one collection of the current buurt, on top of `src/lib/content.ts`, so Astro
 * and `buurt check` read files the same way. Invalid files fail the build with every problem listed.
 */
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { loadCollection, loadSiteConfig } from '../lib/content.ts';
import { buildContext } from '../lib/build-context.ts';
import type { CollectionName } from '../lib/paths.ts';
import { ContentError, hasErrors } from '../lib/problems.ts';

/** Loads `content/<collection>/*.md` of the buurt named by BUURT. */
export function buurtCollectionLoader(collection: CollectionName): Loader {
  return {
    name: `buurt-${collection}`,
    load: async ({ store, watcher, logger }) => {
      const context = buildContext();
      const dir = path.join(context.contentDir, collection);
      const sync = async () => {
        const { entries, problems } = await loadCollection(context.slug, collection);
        if (hasErrors(problems)) {
          const error = new ContentError(problems);
          if (!watcher) throw error;
          logger.error(error.message);
          return;
        }
        store.clear();
        for (const entry of entries) {
          store.set({
            id: entry.id,
            data: { ...entry.data, _file: entry.file },
            body: entry.body,
            filePath: path.relative(process.cwd(), entry.file),
          });
        }
      };
      await sync();
      if (watcher) {
        watcher.add(dir);
        const onChange = (file: string) => {
          if (file.startsWith(dir + path.sep)) void sync();
        };
        watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
      }
    },
  };
}

/** Loads `site.yaml` of the buurt named by BUURT as the single entry "config". */
export function buurtSiteLoader(): Loader {
  return {
    name: 'buurt-site',
    load: async ({ store, watcher, logger }) => {
      const context = buildContext();
      const sync = async () => {
        const { config, problems } = await loadSiteConfig(context.slug);
        if (!config || hasErrors(problems)) {
          const error = new ContentError(problems);
          if (!watcher) throw error;
          logger.error(error.message);
          return;
        }
        store.clear();
        store.set({ id: 'config', data: config });
      };
      await sync();
      if (watcher) {
        watcher.add(context.configFile);
        watcher.on('change', (file) => {
          if (file === context.configFile) void sync();
        });
      }
    },
  };
}
