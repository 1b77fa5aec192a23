/**
 * `buurt check` judges the colours in site.yaml where the site uses them: links on white and on the light menu
 * and footer background, text on the header and buttons, highlighted search words. The wording is pinned.
 */
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../scripts/platform/build/build.ts';
import { checkSite } from '../src/check/index.ts';
import { ContentError } from '../src/model/problems.ts';
import { baseSiteYaml, createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { runBuurt } from './helpers/git-fixture.ts';

let workspace: Workspace;

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.writeBuurt('bleek', { 'site.yaml': stringify({ ...baseSiteYaml, name: 'Bleek', colors: { primary: '#8fb3d9', accent: '#777777' } }) });
  await workspace.writeBuurt('geel', { 'site.yaml': stringify({ ...baseSiteYaml, name: 'Geel', colors: { primary: '#f2b84b', accent: '#1d5c8c' } }) });
  await workspace.writeBuurt('goed', { 'site.yaml': stringify(baseSiteYaml) });
});

afterAll(async () => {
  await workspace?.dispose();
});

const tidy = (text: string) => text.split(workspace.root).join('<workspace>');

describe('buurt check on colours', () => {
  it('rejects colours under 4.5:1, naming the field, each place with its ratio, and a nearby colour that passes', async () => {
    const run = await runBuurt(['check', 'bleek', 'geel'], workspace.env);
    expect(run.code).toBe(1);
    expect(tidy(run.stdout)).toMatchInlineSnapshot(`
      "<workspace>/sites/bleek/site.yaml:7: field "colors.primary": #8fb3d9 has too little contrast: 2.18:1 as link text on the white page (needs 4.5:1); 2.06:1 as link text on the light background of the menu and footer (needs 4.5:1); a nearby colour with the same hue that passes is #507295.
      <workspace>/sites/bleek/site.yaml:8: field "colors.accent": #777777 has too little contrast: 4.47:1 behind highlighted words in search results (needs 4.5:1); a nearby colour with the same hue that passes is #767676.
      bleek: 2 errors, 0 warnings. It will not be built until the errors are fixed.
      <workspace>/sites/geel/site.yaml:7: field "colors.primary": #f2b84b has too little contrast: 1.78:1 as link text on the white page (needs 4.5:1); 1.70:1 as link text on the light background of the menu and footer (needs 4.5:1); a nearby colour with the same hue that passes is #926700.
      geel: 1 error, 0 warnings. It will not be built until the errors are fixed.

      2 buurten checked: errors in bleek, geel.
      "
    `);
  });

  it('passes the usual colours of the demo buurten', async () => {
    const { problems } = await checkSite('goed');
    expect(problems.filter((p) => p.code === 'low-contrast')).toEqual([]);
  });

  it('refuses to build a buurt whose colours cannot be read', async () => {
    const error = await buildSite('bleek').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.filter((p) => p.code === 'low-contrast').map((p) => p.field)).toEqual(['colors.primary', 'colors.accent']);
  });
});
