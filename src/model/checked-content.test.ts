import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from '../../tests/helpers/fixtures.ts';
import { readCheckedContent, removeCheckedContent, writeCheckedContent } from './checked-content.ts';
import { loadSite } from './content.ts';
import { renderMarkdown } from '../markdown/markdown.ts';

describe('checked content hand-over', () => {
  let workspace: Workspace;
  let dir: string;
  beforeEach(async () => {
    workspace = await createWorkspace();
    dir = await mkdtemp(path.join(tmpdir(), 'buurt-checked-'));
  });
  afterEach(async () => {
    await workspace.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the loaders the entries as checked, waiting until the check has written them', async () => {
    await workspace.writeBuurt('oost', {
      'site.yaml': stringify(baseSiteYaml),
      'content/agenda/borrel.md': markdown({ title: 'Borrel', start: '2026-03-14T20:00', location: { name: 'Buurthuis' }, summary: 'Samen.' }, 'Kom ook!'),
    });
    const site = await loadSite('oost');
    const file = path.join(dir, 'checked.bin');
    // The loader asks first (Astro starts beside the check); the check writes a moment later.
    const read = readCheckedContent(file, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeCheckedContent(file, site);
    const content = await read;
    expect(content.config.name).toBe(site.config!.name);
    expect(content.entries.agenda).toEqual([{ id: 'borrel', file: site.entries.agenda[0]!.file, data: site.entries.agenda[0]!.data, body: 'Kom ook!\n' }]);
    expect(content.entries.nieuws).toEqual([]);
    await removeCheckedContent(file);
    await removeCheckedContent(file);
  });

  it('hands over each body as the check rendered it', async () => {
    await workspace.writeBuurt('noord', {
      'site.yaml': stringify(baseSiteYaml),
      'content/agenda/borrel.md': markdown(
        { title: 'Borrel', start: '2026-03-14T20:00', location: { name: 'Buurthuis' }, summary: 'Samen.' },
        '## Wie we zijn\n\nBuren <script>x</script>samen.\n',
      ),
    });
    const site = await loadSite('noord');
    const file = path.join(dir, 'noord.bin');
    const origin = site.config!.domain;
    await writeCheckedContent(file, site, (entry) => renderMarkdown(entry.body, { origin }));
    const [borrel] = (await readCheckedContent(file, 1_000)).entries.agenda;
    expect(borrel!.rendered?.html).toBe('<h2 id="wie-we-zijn">Wie we zijn</h2>\n<p>Buren samen.</p>');
    expect(borrel!.rendered?.images).toEqual([]);
    expect(borrel!.body).toBe(site.entries.agenda[0]!.body);
  });

  it('stops the build with a clear error when the check never hands anything over', async () => {
    await expect(readCheckedContent(path.join(dir, 'nooit.bin'), 100)).rejects.toThrow(/checked content .*nooit\.bin.* did not arrive within 0\.1 s/);
  });

  it('never shows a reader half a file', async () => {
    await workspace.writeBuurt('west', { 'site.yaml': stringify(baseSiteYaml) });
    const file = path.join(dir, 'west.bin');
    await writeFile(`${file}.${process.pid}.tmp`, 'half');
    await writeCheckedContent(file, await loadSite('west'));
    expect((await readCheckedContent(file, 1_000)).entries.paginas).toEqual([]);
  });
});
