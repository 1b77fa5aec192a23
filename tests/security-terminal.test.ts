/**
 * Editors' text on the maintainer's terminal: `buurt check` prints values from a buurt's files. Escape codes
 * (clear the screen, OSC 52 clipboard writes), CR, C1 controls and newlines in them are printed escaped, and a
 * 200 kB value does not print a 200 kB line; --json keeps the exact values as valid JSON. (The same for
 * `buurt guard` and commit subjects: tests/security-guard.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../scripts/commands/check.ts';
import { runCli } from './helpers/cli.ts';
import { createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { photo } from './helpers/images.ts';

let workspace: Workspace;
/** Any character a terminal acts on, except the newlines between lines. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.copyFixture('last-good-site', 'kaping');
  await workspace.writeBuurt('kaping', {
    'media/plein.jpg': await photo(1200, 800),
    // YAML's double-quoted escapes: \e is ESC, \a BEL, \x9b the C1 CSI, \n a newline that tries to forge a line.
    'content/nieuws/escape.md':
      '---\ntitle: Escape\ndate: "\\e]52;c;aGFjaw==\\a\\e[2J\\r\\x9b31m2026-03-01\\nkaping: no problems."\nsummary: Een test.\n---\nTekst.\n',
    'content/nieuws/lang.md': `---\ntitle: Lang\ndate: "${'9'.repeat(200_000)}"\nsummary: Een test.\n---\nTekst.\n`,
  });
});
afterAll(async () => {
  await workspace?.dispose();
});

describe('buurt check on a terminal', () => {
  it('escapes control characters in field values and shortens long values', async () => {
    const run = await runCli(['check', 'kaping'], { cwd: workspace.root, env: workspace.env });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(CONTROL);
    const lines = run.stdout.split('\n');
    expect(lines.find((line) => line.includes('escape.md'))).toBe(
      'sites/kaping/content/nieuws/escape.md:3: field "date": "\\u001b]52;c;aGFjaw==\\u0007\\u001b[2J\\r\\u009b31m2026-03-01\\nkaping: no problems." is not a date; write it as 2026-03-14 or 2026-03-14T20:00.',
    );
    const long = lines.find((line) => line.includes('lang.md'))!;
    expect(long).toMatch(
      /^sites\/kaping\/content\/nieuws\/lang\.md:3: field "date": "9{299} … \[199\d\d\d characters left out\] … 9+" is not a date; write it as 2026-03-14 or 2026-03-14T20:00\.$/,
    );
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(700);
    expect(lines.some((line) => line.startsWith('kaping: no problems'))).toBe(false);
  });

  it('keeps the exact values in --json, escaped so that the JSON stays valid', async () => {
    const run = await runCli(['check', 'kaping', '--json'], { cwd: workspace.root, env: workspace.env });
    expect(run.stdout).not.toMatch(CONTROL);
    const report = JSON.parse(run.stdout) as JsonReport;
    const problems = report.buurten[0]!.problems;
    expect(problems.find((p) => p.file.endsWith('escape.md'))!.message).toBe(
      '"\x1b]52;c;aGFjaw==\x07\x1b[2J\r\x9b31m2026-03-01\nkaping: no problems." is not a date; write it as 2026-03-14 or 2026-03-14T20:00',
    );
    expect(problems.find((p) => p.file.endsWith('lang.md'))!.message).toHaveLength(200_000 + 60);
  });
});
