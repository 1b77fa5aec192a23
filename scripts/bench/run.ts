#!/usr/bin/env node
/**
 * `npm run bench`: how fast the platform builds, measured on synthetic buurten generated the same way every run,
 * reported as a table and as JSON in bench-results/<date>.json, with PASS/FAIL per target. Never part of
 * `npm test`. Ratios are computed within one run, so a busy machine shifts both sides.
 *
 *   npm run bench                       everything at the issue's sizes (takes a while)
 *   npm run bench -- --quick            small sizes, a few minutes
 *   npm run bench -- --platform-run 130 build all 130 platform buurten instead of extrapolating
 *   npm run bench -- --only floor,big   some sections: markdown, floor, big, images, scale, platform, startup
 *                                       (startup: `npm start` until /admin/ and the CMS API answer, cold and warm)
 *   sizes: --news 1000 --activities 300 --photos 200 --scale 4000 --buurten 50 --items 300 --jobs 2
 *   --repeat 3                          run each build scenario 3 times and keep the fastest
 *
 * Builds run through the real CLI (`buurt build`) under /usr/bin/time, whose "maximum resident set size" is the
 * peak memory of the largest process of the build: the Astro child. Without /usr/bin/time the peak is sampled from
 * /proc/<pid>/status (VmHWM) of every process the build starts, ten times a second.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildMany } from '../platform/build/build-many.ts';
import { rootDir } from '../../src/core/paths.ts';
import { formatTable } from '../cli.ts';
import { BENCH_NOW, benchPhoto, generateBuurt, type BuurtSize } from './generate.ts';
import { benchMarkdown, formatMarkdownBench, median, type MarkdownBenchResult } from './markdown-bench.ts';
import { measureStartup } from './startup.ts';
import { candidates, makePhotos, measureEncoders, measurePipeline, type EncoderResult, type PipelineResult } from './images.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    news: { type: 'string' },
    activities: { type: 'string' },
    photos: { type: 'string' },
    scale: { type: 'string' },
    buurten: { type: 'string' },
    items: { type: 'string' },
    'platform-run': { type: 'string' },
    jobs: { type: 'string' },
    'encoder-photos': { type: 'string' },
    only: { type: 'string' },
    repeat: { type: 'string' },
    keep: { type: 'boolean' },
    out: { type: 'string' },
  },
});

const quick = Boolean(values.quick);
const num = (value: string | undefined, full: number, small: number) => (value !== undefined ? Number(value) : quick ? small : full);
const config = {
  news: num(values.news, 1000, 150),
  activities: num(values.activities, 300, 50),
  photos: num(values.photos, 200, 12),
  scale: num(values.scale, 4000, 0),
  buurten: num(values['platform-run'] ?? values.buurten, 50, 4),
  items: num(values.items, 300, 300),
  platformTarget: 130,
  jobs: num(values.jobs, availableParallelism(), availableParallelism()),
  encoderPhotos: num(values['encoder-photos'], 6, 2),
  /** Build scenarios run this many times; the fastest counts (other load on the machine only slows runs down). */
  repeat: Math.max(1, num(values.repeat, 1, 1)),
};
const sections = new Set((values.only ?? 'markdown,floor,big,images,scale,platform,startup').split(','));
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

interface Measured {
  wallMs: number;
  peakMb: number | undefined;
  /** User + system CPU seconds of the command and the processes it waited for (with /usr/bin/time). */
  cpuS: number | undefined;
  stdout: string;
  code: number;
}

/** Runs a command, measuring its wall time and the peak memory of its largest process. */
async function measure(args: string[], env: Record<string, string>): Promise<Measured> {
  const statsFile = path.join(tmpdir(), `buurt-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const command = hasTime ? TIME : process.execPath;
  const argv = hasTime ? ['-f', '%e %M %U %S', '-o', statsFile, process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawn(command, argv, { cwd: rootDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stdout += c));
  const sampler = hasTime ? undefined : sampleTreePeak(child.pid!);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const wallMs = performance.now() - started;
  let peakMb: number | undefined;
  let cpuS: number | undefined;
  if (hasTime) {
    const [, kb, user, sys] = (await readFile(statsFile, 'utf8')).trim().split('\n').pop()!.split(' ');
    peakMb = Number(kb) / 1024;
    cpuS = Number(user) + Number(sys);
    await rm(statsFile, { force: true });
  } else {
    peakMb = sampler!.stop();
  }
  if (code !== 0 && !args.includes('--allow-failure')) throw new Error(`${args.join(' ')} failed (exit ${code}):\n${stdout.slice(-3000)}`);
  return { wallMs, peakMb, cpuS, stdout, code };
}

/** Samples VmHWM of `pid` and all its descendants; `stop()` returns the largest, in MB. */
function sampleTreePeak(pid: number): { stop(): number } {
  let peak = 0;
  const tick = async () => {
    const children = new Map<number, number[]>();
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    }
    const queue = [pid];
    while (queue.length) {
      const current = queue.shift()!;
      const status = await readFile(`/proc/${current}/status`, 'utf8').catch(() => '');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
      queue.push(...(children.get(current) ?? []));
    }
  };
  const timer = setInterval(() => void tick(), 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Runs `run` (which prepares and measures one attempt) `config.repeat` times; keeps the fastest. */
async function fastest(run: (attempt: number) => Promise<Measured>): Promise<Measured> {
  let best: Measured | undefined;
  for (let attempt = 0; attempt < config.repeat; attempt++) {
    const m = await run(attempt);
    if (!best || m.wallMs < best.wallMs) best = m;
  }
  return best!;
}

/** The fastest of several runs. */
function fastestOf(runs: Measured[]): Measured {
  return runs.reduce((best, m) => (m.wallMs < best.wallMs ? m : best));
}

/** " (median of 3 back-to-back pairs: 2.41, 2.50, 2.66)" for values from pairs of runs; nothing for one pair. */
function pairNote(values: number[], unit = ''): string {
  return values.length > 1 ? ` (median of ${values.length} back-to-back pairs: ${values.map((v) => `${v.toFixed(2)}${unit && ` ${unit}`}`).join(', ')})` : '';
}

/** Removes a buurt's build output and caches, for a cold build. */
async function coldStart(env: Record<string, string>, slug: string) {
  await rm(path.join(env.BUURT_DIST_DIR!, slug), { recursive: true, force: true });
  await rm(path.join(env.BUURT_CACHE_DIR!, slug), { recursive: true, force: true });
}

/** Pages built (summed over buurten), from the CLI's lines per buurt. */
function pagesOf(out: Measured): number {
  const counts = [...out.stdout.matchAll(/: (?:built (\d+) pages|unchanged since its last build \((\d+) pages\))/g)];
  return counts.reduce((sum, m) => sum + Number(m[1] ?? m[2]), 0);
}

interface Scenario {
  name: string;
  seconds: number;
  cpuSeconds?: number | undefined;
  pages?: number | undefined;
  pagesPerSecond?: number | undefined;
  peakMb?: number | undefined;
  note?: string;
}

interface Target {
  target: string;
  /** As measured, in wall-clock time. */
  measured: string;
  pass: boolean;
  /**
   * The same target judged by CPU time, an estimate for an idle machine: on a shared machine other work stretches
   * wall time but hardly CPU time. Conservative for ratios against the single-threaded floor (Astro spreads its
   * work over more than one core, so its idle wall time is below its CPU time).
   */
  measuredCpu?: string | undefined;
  passCpu?: boolean | undefined;
}

const scenarios: Scenario[] = [];
const targets: Target[] = [];
const notes: string[] = [];
let encoders: EncoderResult[] = [];
let pipeline: PipelineResult | undefined;

function record(name: string, m: Measured, note?: string): Scenario {
  const pages = pagesOf(m) || undefined;
  const scenario: Scenario = {
    name,
    seconds: m.wallMs / 1000,
    cpuSeconds: m.cpuS,
    pages,
    pagesPerSecond: pages ? pages / (m.wallMs / 1000) : undefined,
    peakMb: m.peakMb,
    note,
  };
  scenarios.push(scenario);
  console.log(`  ${name}: ${scenario.seconds.toFixed(2)} s${pages ? `, ${pages} pages` : ''}${m.peakMb ? `, peak ${m.peakMb.toFixed(0)} MB` : ''}`);
  return scenario;
}

function target(description: string, measured: string, pass: boolean, cpu?: { measured: string; pass: boolean }) {
  targets.push({ target: description, measured, pass, measuredCpu: cpu?.measured, passCpu: cpu?.pass });
}

async function workspace(name: string) {
  const root = path.join(benchRoot, name);
  const dirs = { BUURT_SITES_DIR: path.join(root, 'sites'), BUURT_DIST_DIR: path.join(root, 'dist'), BUURT_CACHE_DIR: path.join(root, 'cache') };
  await mkdir(dirs.BUURT_SITES_DIR, { recursive: true });
  return { root, env: { ...dirs, BUURT_NOW: BENCH_NOW, CI: 'true', ASTRO_TELEMETRY_DISABLED: '1' } };
}

const cli = (...args: string[]) => [path.join(rootDir, 'scripts/buurt.ts'), ...args];
const floorScript = path.join(rootDir, 'scripts/bench/floor.ts');
/** Floor/text pairs measured even without `--repeat`: one pair alone says little on this machine. */
const MIN_FLOOR_PAIRS = 5;

const load = { before: loadavg(), after: [] as number[] };
const benchRoot = await mkdtemp(path.join(tmpdir(), 'buurt-bench-'));
const started = performance.now();
console.log(
  `Benchmark${quick ? ' (quick)' : ''}: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${load.before.map((l) => l.toFixed(1)).join(' ')}, ${hasTime ? '/usr/bin/time' : '/proc sampling'} for memory.`,
);

let markdown: MarkdownBenchResult | undefined;
try {
  if (sections.has('markdown')) {
    console.log('\nMarkdown: what sanitising costs, per document, against plain Sätteri and the unified route.');
    markdown = await benchMarkdown({ documents: quick ? 300 : 1000, rounds: quick ? 3 : 5 });
    console.log(formatMarkdownBench(markdown).replace(/^/gm, '  '));
  }

  let textBuild: Scenario | undefined;
  let floor: Scenario | undefined;
  const big: BuurtSize = { news: config.news, activities: config.activities, photos: config.photos, groups: 20, people: 30 };

  if (sections.has('floor') || sections.has('big')) {
    const ws = await workspace('big');
    console.log(`\nThe big buurt: ${big.news} news items, ${big.activities} activities, ${big.photos} photos (text-only twin for the floor).`);
    await generateBuurt(ws.env.BUURT_SITES_DIR, 'tekst', { ...big, photos: 0 });
    // Both sides get Node's compile cache, warmed by one untimed run each: builds keep it in the shared cache
    // folder (compileCacheDir in scripts/platform/build/build.ts), so only a platform's very first build compiles Astro cold.
    // "Cold" here means the buurt: its output and its own cache are removed before every build.
    const floorEnv = { ...ws.env, NODE_COMPILE_CACHE: path.join(ws.env.BUURT_CACHE_DIR, 'node-compile-cache') };
    const runFloor = async () => {
      await rm(path.join(ws.root, 'floor-out'), { recursive: true, force: true });
      return measure([floorScript, path.join(ws.env.BUURT_SITES_DIR, 'tekst'), path.join(ws.root, 'floor-out')], floorEnv);
    };
    const runText = async () => {
      await coldStart(ws.env, 'tekst');
      return measure(cli('build', 'tekst'), ws.env);
    };
    await runFloor();
    await runText();
    // The floor and the text build alternate (floor, build, floor, build, …): this machine's speed drifts by up
    // to 2× over minutes, so each ratio compares two runs made moments apart, and the target takes the median
    // of at least five (single pairs of the same code ranged from 1.6× to 2.8×).
    const pairs: { floor: Measured; text: Measured }[] = [];
    for (let attempt = 0; attempt < Math.max(MIN_FLOOR_PAIRS, config.repeat); attempt++) {
      const floorRun = await runFloor();
      pairs.push({ floor: floorRun, text: await runText() });
    }
    floor = record('floor: gray-matter + remark/rehype, one process', fastestOf(pairs.map((p) => p.floor)));
    floor.pages = (await readdir(path.join(ws.root, 'floor-out'), { recursive: true })).filter((f) => String(f).endsWith('.html')).length;
    textBuild = record('text: cold full build', fastestOf(pairs.map((p) => p.text)));
    const wallRatios = pairs.map((p) => p.text.wallMs / p.floor.wallMs);
    const cpuRatios = pairs.flatMap((p) => (p.text.cpuS && p.floor.cpuS ? [p.text.cpuS / p.floor.cpuS] : []));
    target(
      `text cold build ≤ 2.5× the floor (${big.news + big.activities} items)`,
      `${median(wallRatios).toFixed(2)}×${pairNote(wallRatios)}`,
      median(wallRatios) <= 2.5,
      cpuRatios.length ? { measured: `${median(cpuRatios).toFixed(2)}×${pairNote(cpuRatios)}`, pass: median(cpuRatios) <= 2.5 } : undefined,
    );
    if (markdown) {
      // The question of the untrusted-content issue: does sanitising cost the fast path? Its cost for every
      // body of this buurt, as a share of the whole text build (unified would cost its own multiple instead).
      const items = big.news + big.activities;
      const share = (markdown.sanitiserMsPerDoc * items) / 1000 / textBuild.seconds;
      const unifiedShare = ((markdown.msPerDoc.unified - markdown.msPerDoc.satteri) * items) / 1000 / textBuild.seconds;
      target(
        `sanitising all ${items} bodies costs ≤ 5% of the text build`,
        `${(share * 100).toFixed(1)}% (${markdown.buurtVsSatteri.toFixed(1)}× Sätteri alone; the unified route would add ${(unifiedShare * 100).toFixed(0)}%)`,
        share <= 0.05,
      );
    }

    if (sections.has('big')) {
      Object.assign(process.env, ws.env);
      let unchangedMs = Infinity;
      let unchangedCpuMs = Infinity;
      for (let attempt = 0; attempt < Math.max(2, config.repeat); attempt++) {
        const inProcess = performance.now();
        const cpu = process.cpuUsage();
        const [unchanged] = await buildMany(['tekst'], { env: { BUURT_NOW: BENCH_NOW } });
        unchangedMs = Math.min(unchangedMs, performance.now() - inProcess);
        const used = process.cpuUsage(cpu);
        unchangedCpuMs = Math.min(unchangedCpuMs, (used.user + used.system) / 1000);
        if (unchanged?.status !== 'unchanged') throw new Error(`expected tekst to be unchanged, got ${unchanged?.status}`);
      }
      scenarios.push({ name: 'text: no-change rebuild (in process)', seconds: unchangedMs / 1000, cpuSeconds: unchangedCpuMs / 1000 });
      console.log(`  text: no-change rebuild (in process): ${(unchangedMs / 1000).toFixed(2)} s`);
      const unchangedCli = record('text: no-change rebuild (CLI, with Node start)', await measure(cli('build', 'tekst'), ws.env));
      target('no-change rebuild ≤ 0.5 s', `${(unchangedMs / 1000).toFixed(2)} s in process (${unchangedCli.seconds.toFixed(2)} s by CLI)`, unchangedMs <= 500, {
        measured: `${(unchangedCpuMs / 1000).toFixed(2)} s in process (${unchangedCli.cpuSeconds?.toFixed(2)} s by CLI)`,
        pass: unchangedCpuMs <= 500,
      });

      const itemFile = path.join(ws.env.BUURT_SITES_DIR, 'tekst', 'content', 'nieuws', 'bericht-0002.md');
      const oneFile = record(
        'text: one-file-changed rebuild',
        await fastest(async () => {
          await writeFile(itemFile, `${await readFile(itemFile, 'utf8')}\nEen extra zin.\n`);
          return measure(cli('build', 'tekst'), ws.env);
        }),
      );
      target(
        'one changed file ≤ the full text build',
        `${oneFile.seconds.toFixed(1)} s vs ${textBuild.seconds.toFixed(1)} s`,
        oneFile.seconds <= textBuild.seconds,
        oneFile.cpuSeconds && textBuild.cpuSeconds
          ? {
              measured: `${oneFile.cpuSeconds.toFixed(1)} s vs ${textBuild.cpuSeconds.toFixed(1)} s`,
              pass: oneFile.cpuSeconds <= textBuild.cpuSeconds,
            }
          : undefined,
      );

      if (big.photos > 0) {
        console.log(`  making ${big.photos} photos (cached in .cache/bench/photos/)…`);
        await generateBuurt(ws.env.BUURT_SITES_DIR, 'groot', big);
        const photoCold = record('photos: cold full build', await measure(cli('build', 'groot'), ws.env));
        const perPhoto = (photoCold.seconds - textBuild.seconds) / big.photos;
        const perPhotoCpu = photoCold.cpuSeconds && textBuild.cpuSeconds ? (photoCold.cpuSeconds - textBuild.cpuSeconds) / big.photos : undefined;
        scenarios.push({ name: 'photos: image seconds per photo (cold build − text build) / photos', seconds: perPhoto, cpuSeconds: perPhotoCpu });
        const grootItem = path.join(ws.env.BUURT_SITES_DIR, 'groot', 'content', 'nieuws', 'bericht-0002.md');
        // Alternating pairs again (one file changed, then one photo added), compared pair by pair: the difference
        // sought is a fraction of a second, far less than this machine's drift between two separate series.
        const photoPairs: { oneFile: Measured; added: Measured }[] = [];
        for (let attempt = 0; attempt < config.repeat; attempt++) {
          await writeFile(grootItem, `${await readFile(grootItem, 'utf8')}\nEen extra zin.\n`);
          const oneFileRun = await measure(cli('build', 'groot'), ws.env);
          await writeFile(path.join(ws.env.BUURT_SITES_DIR, 'groot', 'media', `nieuwe-foto-${attempt}.jpg`), await benchPhoto(99_999 - attempt));
          await writeFile(
            path.join(ws.env.BUURT_SITES_DIR, 'groot', 'content', 'nieuws', `nieuw-met-foto-${attempt}.md`),
            `---\ntitle: Nieuw bericht met foto\ndate: "2026-02-28"\nsummary: Een nieuwe foto.\nimage:\n  src: ../../media/nieuwe-foto-${attempt}.jpg\n  alt: Een nieuwe foto van de straat\n---\nTekst bij de foto.\n`,
          );
          photoPairs.push({ oneFile: oneFileRun, added: await measure(cli('build', 'groot'), ws.env) });
        }
        record('photos: one-file-changed rebuild', fastestOf(photoPairs.map((p) => p.oneFile)));
        record('photos: one-photo-added rebuild', fastestOf(photoPairs.map((p) => p.added)));
        const differences = photoPairs.map((p) => (p.added.wallMs - p.oneFile.wallMs) / 1000);
        const cpuDifferences = photoPairs.flatMap((p) => (p.added.cpuS !== undefined && p.oneFile.cpuS !== undefined ? [p.added.cpuS - p.oneFile.cpuS] : []));
        const adds = median(differences);
        const addsCpu = cpuDifferences.length ? median(cpuDifferences) : undefined;
        target(
          'one added photo adds ≤ 0.5 s (vs one changed file)',
          `${adds.toFixed(2)} s${pairNote(differences, 's')}`,
          adds <= 0.5,
          addsCpu === undefined ? undefined : { measured: `${addsCpu.toFixed(2)} s${pairNote(cpuDifferences, 's')}`, pass: addsCpu <= 0.5 },
        );
      }
    }
  }

  if (sections.has('images')) {
    console.log(`\nPhotos: ${config.encoderPhotos} photo-like 3000×2000 JPEGs, encoders compared.`);
    const photos = await makePhotos(config.encoderPhotos);
    pipeline = await measurePipeline(photos);
    console.log(
      `  pipeline: ${pipeline.coldMsPerPhoto.toFixed(0)} ms/photo cold (${pipeline.cpuMsPerPhoto.toFixed(0)} ms CPU), 960 px WebP ${pipeline.kb960Webp.toFixed(1)} KB`,
    );
    encoders = await measureEncoders(photos, candidates({ slow: !quick }));
    target('cold photo processing ≤ 0.5 s per source photo', `${(pipeline.coldMsPerPhoto / 1000).toFixed(2)} s`, pipeline.coldMsPerPhoto <= 500, {
      measured: `${(pipeline.cpuMsPerPhoto / 1000).toFixed(2)} s`,
      pass: pipeline.cpuMsPerPhoto <= 500,
    });
    const sizePass = pipeline.kb960Webp <= 60;
    const sizes = `WebP ${pipeline.kb960Webp.toFixed(1)} KB, JPEG fallback ${pipeline.kb960Jpeg.toFixed(1)} KB`;
    target('960 px version ≤ 60 KB', sizes, sizePass, { measured: sizes, pass: sizePass });
  }

  if (sections.has('scale') && config.scale > 0) {
    const ws = await workspace('scale');
    console.log(`\nScale: a text-only buurt with ${config.scale} news items.`);
    await generateBuurt(ws.env.BUURT_SITES_DIR, 'schaal', { news: config.scale, activities: 0, photos: 0, groups: 5, people: 5 }, 2);
    const scaleFloor = record(
      `scale: floor, ${config.scale} items`,
      await measure([floorScript, path.join(ws.env.BUURT_SITES_DIR, 'schaal'), path.join(ws.root, 'floor-out')], ws.env),
    );
    const scaleBuild = record(`scale: cold full build, ${config.scale} items`, await measure(cli('build', 'schaal'), ws.env));
    const memoryPass = (scaleBuild.peakMb ?? Infinity) <= 1024;
    target(`peak memory ≤ 1 GB at ${config.scale} items`, `${scaleBuild.peakMb?.toFixed(0)} MB`, memoryPass, {
      measured: `${scaleBuild.peakMb?.toFixed(0)} MB`,
      pass: memoryPass,
    });
    notes.push(
      `At ${config.scale} items the build took ${(scaleBuild.seconds / scaleFloor.seconds).toFixed(2)}× the floor${scaleBuild.cpuSeconds && scaleFloor.cpuSeconds ? ` (CPU time ${(scaleBuild.cpuSeconds / scaleFloor.cpuSeconds).toFixed(2)}×)` : ''}.`,
    );
  }

  if (sections.has('platform') && config.buurten > 0) {
    const ws = await workspace('platform');
    console.log(`\nPlatform: ${config.buurten} buurten of ${config.items} items each, ${config.jobs} at a time.`);
    const news = Math.round(config.items * 0.7);
    for (let i = 0; i < config.buurten; i++) {
      await generateBuurt(
        ws.env.BUURT_SITES_DIR,
        `buurt-${String(i + 1).padStart(3, '0')}`,
        { news, activities: config.items - news, photos: 0, groups: 8, people: 8 },
        10 + i,
      );
    }
    const all = record(`platform: ${config.buurten} buurten, cold`, await measure(cli('build', '--all', '--jobs', String(config.jobs)), ws.env));
    const perBuurt = all.seconds / config.buurten;
    const projected = (perBuurt * config.platformTarget) / 60;
    const exact = config.buurten >= config.platformTarget;
    scenarios.push({ name: `platform: seconds per buurt (${config.jobs} at a time)`, seconds: perBuurt });
    const again = record(`platform: ${config.buurten} buurten, nothing changed`, await measure(cli('build', '--all', '--jobs', String(config.jobs)), ws.env));
    // On an idle machine `jobs` builds keep `jobs` cores busy: CPU time spread over the cores.
    const projectedCpu = all.cpuSeconds ? ((all.cpuSeconds / config.buurten) * config.platformTarget) / Math.min(config.jobs, cpus().length) / 60 : undefined;
    const how = exact ? '' : ` (extrapolated from ${config.buurten})`;
    target(
      `all ${config.platformTarget} buurten (${config.items} items each) ≤ 10 min on ${config.jobs} cores`,
      `${projected.toFixed(1)} min${how}; unchanged: ${again.seconds.toFixed(1)} s`,
      projected <= 10,
      projectedCpu === undefined ? undefined : { measured: `${projectedCpu.toFixed(1)} min${how}`, pass: projectedCpu <= 10 },
    );
  }

  if (sections.has('startup')) {
    console.log('\nStart-up: `npm start` until /admin/config.yml and the CMS API answer (a shared clone, own dist and cache).');
    for (const result of await measureStartup(path.join(benchRoot, 'startup'))) {
      scenarios.push({ name: `npm start to a usable CMS (${result.run})`, seconds: result.seconds });
      console.log(`  ${result.run}: ${result.seconds.toFixed(1)} s`);
    }
  }
} finally {
  load.after = loadavg();
  if (!values.keep) await rm(benchRoot, { recursive: true, force: true });
  else console.log(`Kept the generated buurten in ${benchRoot}.`);
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? '' : n.toFixed(digits));
console.log(
  `\n${formatTable(
    ['scenario', 'seconds', 'CPU s', 'pages', 'pages/s', 'peak MB'],
    scenarios.map((s) => [s.name, fmt(s.seconds), fmt(s.cpuSeconds, 1), s.pages ?? '', fmt(s.pagesPerSecond, 0), fmt(s.peakMb, 0)]),
  )}`,
);
if (encoders.length) {
  console.log(
    `\n${formatTable(
      ['encoder settings', 'ms/photo', 'CPU ms/photo', '960 KB', '960 JPEG KB', 'KB/photo'],
      encoders.map((e) => [
        `${e.name}: ${e.description}`,
        Math.round(e.wallMsPerPhoto),
        Math.round(e.cpuMsPerPhoto),
        fmt(e.kb960, 1),
        fmt(e.kb960Jpeg, 1),
        Math.round(e.kbTotal),
      ]),
    )}`,
  );
}
const verdict = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'PASS' : 'FAIL');
console.log(
  `\n${formatTable(
    ['target', 'measured (wall)', 'result', 'by CPU time (idle estimate)', 'result'],
    targets.map((t) => [t.target, t.measured, verdict(t.pass), t.measuredCpu ?? '', verdict(t.passCpu)]),
  )}`,
);
const loadNow = loadavg()[0]!;
if (loadNow > cpus().length) {
  console.log(
    `The machine was busy (load ${loadNow.toFixed(1)} on ${cpus().length} cores): wall times are stretched; the CPU-time column estimates an idle machine.`,
  );
}
for (const note of notes) console.log(note);
console.log(
  `\nLoad average before ${load.before.map((l) => l.toFixed(1)).join(' ')}, after ${load.after.map((l) => l.toFixed(1)).join(' ')}; ${((performance.now() - started) / 60000).toFixed(1)} min in all.`,
);

const outDir = path.resolve(values.out ?? path.join(rootDir, 'bench-results'));
await mkdir(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/:/g, '-').slice(0, 19);
const report = {
  date: new Date().toISOString(),
  quick,
  config,
  machine: { cores: cpus().length, model: cpus()[0]?.model, memoryMb: Math.round(totalmem() / 1024 / 1024), node: process.version, load },
  memoryMeasuredWith: hasTime ? '/usr/bin/time %M (largest process of the build)' : '/proc VmHWM sampling',
  astro: JSON.parse(await readFile(path.join(rootDir, 'node_modules/astro/package.json'), 'utf8')).version,
  scenarios,
  markdown,
  encoders,
  pipeline,
  targets,
  notes,
};
const outFile = path.join(outDir, `${stamp}${quick ? '-quick' : ''}.json`);
await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Results: ${path.relative(process.cwd(), outFile)}`);
