import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { startCmsRepo } from '/work/main/tests/helpers/cms.ts';
const cpu = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number); return [f[0]! + f[1]!, f[2]! + f[5]! + f[6]!]; };
const cms = await startCmsRepo({ now: '2026-01-01T12:00', mode: 'static' });
for (const extra of [[], ['--disable-site-isolation-trials','--disable-features=IsolateOrigins,site-per-process,Translate,OptimizationHints,MediaRouter,PaintHolding','--disable-renderer-backgrounding','--disable-background-timer-throttling'], ['--js-flags=--no-opt'], []]) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...extra] });
  const c = cpu(); const t = Date.now();
  for (let i = 0; i < 3; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
    const page = await ctx.newPage();
    await page.goto(`${cms.editing.url}/admin/`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: 'Nieuws' }).first().waitFor();
    await ctx.close();
  }
  const c2 = cpu();
  console.log(extra.join(' ') || '(shm)', 'wall', Date.now() - t, 'user', c2[0]! - c[0]!, 'sys', c2[1]! - c[1]!);
  await browser.close();
}
await cms.stop();
