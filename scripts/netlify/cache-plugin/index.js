// A local Netlify build plugin (netlify.toml [[plugins]]): restores the buurt's cache folders before the build
// and saves them after a successful one, with Netlify's own cache utilities.

/** The folders to keep for the buurt named by BUURT, relative to the repository. */
export function cachePaths(env = process.env) {
  const slug = (env.BUURT ?? '').trim();
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return [];
  return [`.cache/${slug}`, `dist/${slug}`, '.cache/node-compile-cache'];
}

export const onPreBuild = async ({ utils }) => {
  const paths = cachePaths();
  if (!paths.length) return;
  const restored = await utils.cache.restore(paths);
  console.log(restored ? `Restored the build cache: ${paths.join(', ')}` : 'No build cache yet: a full build.');
};

export const onPostBuild = async ({ utils }) => {
  const paths = cachePaths();
  if (!paths.length) return;
  await utils.cache.save(paths);
  console.log(`Saved the build cache: ${paths.join(', ')}`);
};
