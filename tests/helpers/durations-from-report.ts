/**
 * Writes tests/durations.json (the sequencer's weights for a clean clone) from a vitest JSON report:
 *   npx vitest run --reporter=json --outputFile=/tmp/report.json
 *   node tests/helpers/durations-from-report.ts /tmp/report.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Report {
  testResults: { name: string; startTime: number; endTime: number }[];
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const report = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Report;
const durations = Object.fromEntries(
  report.testResults
    .map((r) => [path.relative(repo, r.name).split(path.sep).join('/'), Math.max(1, Math.round((r.endTime - r.startTime) / 1000))] as const)
    .sort((a, b) => b[1] - a[1]),
);
writeFileSync(path.join(repo, 'tests/durations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`tests/durations.json: ${Object.keys(durations).length} files`);
