/**
 * `npm run lint`: the four checks in two lanes side by side, since each uses about one core and these machines
 * have two. Prettier then markdownlint in one lane; ESLint then `astro check` in the other, in that order as
 * before, so ESLint's type information never meets `astro sync` rewriting `.astro/` halfway. A lane stops at its
 * first failure; each check's output is printed whole when it ends (never interleaved), and the command fails
 * when any check failed.
 *
 * Why not npm-run-all2 or concurrently: a few lines of `spawn` do it without another dependency.
 */
import { spawn } from 'node:child_process';

const LANES = [
  ['lint:format', 'lint:md'],
  ['lint:code', 'typecheck'],
];

interface Outcome {
  script: string;
  code: number;
}

function run(script: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      process.stdout.write(Buffer.concat(output));
      resolve({ script, code: code ?? 1 });
    });
  });
}

async function lane(scripts: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const script of scripts) {
    const outcome = await run(script);
    outcomes.push(outcome);
    if (outcome.code !== 0) break;
  }
  return outcomes;
}

const failed = (await Promise.all(LANES.map(lane))).flat().filter((outcome) => outcome.code !== 0);
if (failed.length) console.error(`\nLint failed: ${failed.map((outcome) => `npm run ${outcome.script}`).join(', ')}.`);
process.exitCode = failed.length ? 1 : 0;
