/**
 * `npm start`: builds the demo buurt and serves it at http://localhost:4321.
 */
import { buildSite } from '../src/lib/build.ts';
import { sitePaths } from '../src/lib/paths.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { serveStatic } from '../src/lib/serve.ts';

const slug = process.env.BUURT ?? 'voorbeeldwijk';
const port = Number(process.env.PORT ?? 4321);

console.log(`Building ${slug}…`);
const result = await buildSite(slug);
for (const warning of result.warnings) console.log(formatProblem(warning));
console.log(`Built ${result.pages} pages.`);
await serveStatic({ root: sitePaths(slug).distDir, port });
console.log(`\n${slug} is served at http://localhost:${port}/ (Ctrl+C stops).`);
