/**
 * Updates tests/durations.json (the sequencer's weights for a clean clone) from vitest JSON reports:
 *   npx vitest run <files> --reporter=json --outputFile=/tmp/report.json
 *   node tests/helpers/durations-from-report.ts /tmp/report.json [more reports]
 * The files in the reports get their measured duration; every other file keeps its entry, so a run of the
 * files one changed is enough (a file that no longer exists is dropped).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Report {
  testResults: { name: string; startTime: number; endTime: number }[];
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(repo, 'tests/durations.json');
const measured = process.argv
  .slice(2)
  .flatMap((report) =>
    (JSON.parse(readFileSync(report, 'utf8')) as Report).testResults.map(
      (r) => [path.relative(repo, r.name).split(path.sep).join('/'), Math.max(1, Math.round((r.endTime - r.startTime) / 1000))] as const,
    ),
  );
if (!measured.length) throw new Error('Name at least one vitest JSON report with test files in it.');
const kept = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>).filter(([name]) => existsSync(path.join(repo, name)));
const durations = Object.fromEntries([...kept.filter(([name]) => !measured.some(([m]) => m === name)), ...measured].sort((a, b) => b[1] - a[1]));
writeFileSync(file, `${JSON.stringify(durations, null, 2)}\n`);
console.log(`tests/durations.json: ${measured.length} files measured, ${Object.keys(durations).length} in all`);
