/**
 * Astro content loader for one collection of the current buurt, on top of `src/model/content.ts`, so Astro
 * and `buurt check` read files the same way. Invalid files fail the build with every problem listed.
 */
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { loadCollection, loadSiteConfig } from '../model/content.ts';
import { buildContext } from '../core/build-context.ts';
import { CHECKED_CONTENT_ENV, readCheckedContent } from '../model/checked-content.ts';
import type { CollectionName } from '../core/paths.ts';
import { ContentError, hasErrors } from '../model/problems.ts';
import { oneAtATime } from '../core/one-at-a-time.ts';

/** Loads `content/<collection>/*.md` of the buurt named by BUURT. */
export function buurtCollectionLoader(collection: CollectionName): Loader {
  return {
    name: `buurt-${collection}`,
    load: async ({ store, watcher, logger }) => {
      const context = buildContext();
      const dir = path.join(context.contentDir, collection);
      // One read at a time: when the CMS publishes several entries at once, a read that began before the last
      // file arrived must not finish after the one that saw it and leave that entry out of the store.
      const sync = oneAtATime(async () => {
        const { entries, problems } = await collectionEntries(context.slug, collection, Boolean(watcher));
        if (hasErrors(problems)) {
          const error = new ContentError(problems);
          if (!watcher) throw error;
          logger.error(error.message);
          return;
        }
        store.clear();
        for (const entry of entries) {
          // A body the check rendered goes as HTML only: Astro serialises its whole store, and the markdown
          // would be one more copy of every text.
          const rendered = 'rendered' in entry ? entry.rendered : undefined;
          store.set({
            id: entry.id,
            data: { ...entry.data, _file: entry.file, ...(rendered ? { _rendered: rendered } : {}) },
            ...(rendered ? {} : { body: entry.body }),
            filePath: path.relative(process.cwd(), entry.file),
          });
        }
      });
      await sync();
      if (watcher) {
        watcher.add(dir);
        const onChange = (file: string) => {
          if (file.startsWith(dir + path.sep)) sync().catch((error: Error) => logger.error(`${collection}: ${error.message}`));
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
      const sync = oneAtATime(async () => {
        const { config, problems } = await siteConfig(context.slug, Boolean(watcher));
        if (!config || hasErrors(problems)) {
          const error = new ContentError(problems);
          if (!watcher) throw error;
          logger.error(error.message);
          return;
        }
        store.clear();
        store.set({ id: 'config', data: config });
      });
      await sync();
      if (watcher) {
        watcher.add(context.configFile);
        watcher.on('change', (file) => {
          if (file === context.configFile) sync().catch((error: Error) => logger.error(`site.yaml: ${error.message}`));
        });
      }
    },
  };
}

/** The file with the content the CLI checked for this build; none in dev, where files change while it runs. */
function checkedContentFile(watching: boolean): string | undefined {
  return watching ? undefined : process.env[CHECKED_CONTENT_ENV] || undefined;
}

/** site.yaml: as the CLI checked it when it handed the content over, otherwise read from disk. */
async function siteConfig(slug: string, watching: boolean) {
  const checked = checkedContentFile(watching);
  if (!checked) return loadSiteConfig(slug);
  return { config: (await readCheckedContent(checked)).config, problems: [] };
}

/** The entries of one collection: those the CLI checked when it handed them over, otherwise read from disk. */
async function collectionEntries(slug: string, collection: CollectionName, watching: boolean) {
  const checked = checkedContentFile(watching);
  if (!checked) return loadCollection(slug, collection);
  return { entries: (await readCheckedContent(checked)).entries[collection], problems: [] };
}
