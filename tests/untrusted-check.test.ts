/**
 * `checkSite` on fixture buurten named after what they prove: every problem at once, each with file, line,
 * field, what was found and what to do. The wording is pinned with inline snapshots.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSite, siteChecks } from '../src/check/index.ts';
import { parseAmsterdam } from '../src/dates/dates.ts';
import { formatProblem, hasErrors } from '../src/model/problems.ts';
import { createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { heicBytes, phonePhoto, photo, pngBomb, SVG_WITH_SCRIPT, truncated } from './helpers/images.ts';

const now = parseAmsterdam('2026-03-10T12:00');
let workspace: Workspace;

beforeAll(async () => {
  workspace = await createWorkspace();
});
afterAll(async () => {
  await workspace?.dispose();
});

/** Every problem of a fixture buurt as `buurt check` prints it, with paths from the sites folder. */
async function check(slug: string): Promise<string[]> {
  const { problems } = await checkSite(slug, siteChecks, { now });
  return problems.map((p) => formatProblem(p).replaceAll(`${workspace.sitesDir}${path.sep}`, 'sites/'));
}

describe('broken-yaml', () => {
  it('points at the line of each YAML mistake and names bad file names and stray files', async () => {
    await workspace.copyFixture('broken-yaml');
    expect(await check('broken-yaml')).toMatchInlineSnapshot(`
      [
        "sites/broken-yaml/content/agenda/inspringen.md:6: the text is not valid YAML (wrong indentation or a missing character); check the quotes, colons and indentation on this line.",
        "sites/broken-yaml/content/agenda/notities.txt: only markdown files (.md) belong in content/agenda/; move this file to media/ or remove it.",
        "sites/broken-yaml/content/groepen/dubbel.md:4: the text is not valid YAML (a field is written twice); check the quotes, colons and indentation on this line.",
        "sites/broken-yaml/content/nieuws/Foto Buurtfeest.md: the file name "Foto Buurtfeest.md" cannot be used in a web address; rename it to lower case letters, digits and dashes, like "foto-buurtfeest.md".",
        "sites/broken-yaml/content/nieuws/open-quote.md:2: the text is not valid YAML (a quote is opened but not closed); add the closing quote on this line.",
        "sites/broken-yaml/content/paginas/dubbelepunt.md:3: the text is not valid YAML (a text with a colon needs quotes around it); check the quotes, colons and indentation on this line.",
        "sites/broken-yaml/content/paginas/geen-front-matter.md:1: the file does not start with front matter; begin it with a line "---", the fields, and another "---".",
      ]
    `);
  });
});

describe('wrong-type', () => {
  it('reports unknown keys, wrong types, missing fields and an end before the start, all at once', async () => {
    await workspace.copyFixture('wrong-type');
    expect(await check('wrong-type')).toMatchInlineSnapshot(`
      [
        "sites/wrong-type/content/agenda/buurtborrel.md:3: field "start": "14-03-2026" is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day).",
        "sites/wrong-type/content/agenda/buurtborrel.md:4: field "location": must be a group of fields (name, address), each on its own indented line below it, but it is the text "Buurthuis De Kroon".",
        "sites/wrong-type/content/agenda/buurtborrel.md:6: field "tags": must be a list of words, but it is the text "borrel".",
        "sites/wrong-type/content/agenda/buurtborrel.md:7: field "draft": must be true or false, but it is the text "ja".",
        "sites/wrong-type/content/agenda/buurtborrel.md:8: field "prijs": is not a known field; allowed here: title, start, end, allDay, location, summary, image, group, organiser, registration, cost, tags, recurrence, cancelled, draft, submission.",
        "sites/wrong-type/content/agenda/te-vroeg.md:4: field "end": "2026-03-14T19:00" is before the start "2026-03-14T20:00"; the end must be after the start.",
        "sites/wrong-type/content/mensen/anna.md:2: field "naam": is not a known field; did you mean "name"? Allowed here: name, role, organisation, topics, photo, contact, reachable, draft.",
        "sites/wrong-type/content/mensen/anna.md:2: field "name": is missing; add it with a text.",
        "sites/wrong-type/content/mensen/anna.md:3: field "role": "buurtvader" is not a role; choose one of buurtverbinder, wijkprofessional, vrijwilliger.",
        "sites/wrong-type/content/mensen/anna.md:4: field "topics": is empty; name at least one topic people can come to you for.",
        "sites/wrong-type/content/mensen/anna.md:6: field "contact.phone": must be a phone number, but it is the number 12345.",
        "sites/wrong-type/content/nieuws/zonder-titel.md:2: field "date": "2026-02-30" is not a date; write it as 2026-03-14 or 2026-03-14T20:00.",
        "sites/wrong-type/content/nieuws/zonder-titel.md:2: field "title": is missing; add it with a text.",
        "sites/wrong-type/site.yaml:3: field "domain": "http://testbuurt.nl" is not a domain; write it as https://voorbeeldwijk.nl (https, lower case, no path or slash at the end).",
        "sites/wrong-type/site.yaml:6: field "colors.primary": "blauw" is not a colour; write it as #1d5c8c.",
        "sites/wrong-type/site.yaml:8: field "kleur": is not a known field; allowed here: name, tagline, description, domain, email, phone, colors, logo, menu, social, editors, cms, participation, newsletter, prikbord.",
      ]
    `);
  });
});

describe('missing-image', () => {
  it('names the content file, the field and the image for every image that cannot be published', async () => {
    await workspace.copyFixture('missing-image');
    await workspace.writeBuurt('missing-image', { 'media/buurtfeest.jpg': await photo(800, 600) });
    expect(await check('missing-image')).toMatchInlineSnapshot(`
      [
        "sites/missing-image/content/agenda/markt.md:9: warning: field "image.src": "../../media/markt.jpg" does not exist (there is no media/markt.jpg); Upload the image or correct the path (this file is a draft, so it does not stop the build).",
        "sites/missing-image/content/groepen/moestuin.md:5: field "image.src": "https://cdn.example/tuin.jpg" is a web address; the site shows no images from other websites: upload the image to sites/missing-image/media/ and refer to it from there.",
        "sites/missing-image/content/mensen/bram.md:6: field "photo.src": "../../../gedeeld/bram.jpg" is not inside this buurt's media folder; upload the image to sites/missing-image/media/ and refer to it from there.",
        "sites/missing-image/content/nieuws/buurtfeest.md:6: field "image.src": "../../media/buurtfest.jpg" does not exist (there is no media/buurtfest.jpg); did you mean media/buurtfeest.jpg? Upload the image or correct the path.",
        "sites/missing-image/content/nieuws/buurtfeest.md:11: the image "../../media/buurtfeest.jpg" in the text has no alt text; describe what it shows between the brackets, like ![Kinderen planten bloembollen](../../media/buurtfeest.jpg).",
        "sites/missing-image/content/nieuws/buurtfeest.md:13: the image "../../media/plattegrond.png" in the text does not exist (there is no media/plattegrond.png); Upload the image or correct the path.",
        "sites/missing-image/content/nieuws/zonder-alt.md:6: field "image.alt": is missing; describe what the image shows, for people who cannot see it ("Kinderen planten bloembollen in de moestuin").",
        "sites/missing-image/site.yaml:9: field "logo.src": "media/logo.svg" cannot be published: media/logo.svg is an SVG drawing; SVG files can carry scripts, so the site does not publish them. Save it as PNG (logos and drawings) or JPEG (photos) and use that file.",
      ]
    `);
  });
});

describe('image-bomb', () => {
  it('refuses bombs, truncated files, lying types, SVG and HEIC, at the content file that names them', async () => {
    const images = {
      'bom.png': await pngBomb(30_000, 30_000),
      'half.jpg': truncated(await photo(800, 600)),
      'eigenlijk-png.jpg': await photo(50, 50, 'png'),
      'tekening.png': SVG_WITH_SCRIPT,
      'IMG_0001.heic': heicBytes(),
      'tekening.svg': SVG_WITH_SCRIPT,
    };
    await workspace.copyFixture('image-bomb');
    await workspace.writeBuurt('image-bomb', Object.fromEntries(Object.entries(images).map(([name, bytes]) => [`media/${name}`, bytes])));
    expect(await check('image-bomb')).toMatchInlineSnapshot(`
      [
        "sites/image-bomb/content/paginas/fotos-van-het-feest.md:8: the image "../../media/bom.png" in the text cannot be published: media/bom.png says it is 30000×30000 pixels (900 megapixels), more than the 50 megapixels an image may have; a small file claiming that many pixels can be a decompression bomb. Export it at most 2560 pixels wide and upload it again.",
        "sites/image-bomb/content/paginas/fotos-van-het-feest.md:10: the image "../../media/half.jpg" in the text cannot be published: media/half.jpg is damaged or incomplete (the file stops before the image ends); the upload was probably cut off, so upload the photo again.",
        "sites/image-bomb/content/paginas/fotos-van-het-feest.md:12: the image "../../media/eigenlijk-png.jpg" in the text cannot be published: media/eigenlijk-png.jpg is named as a JPEG image but its bytes are a PNG file; rename it to eigenlijk-png.png and correct the files that name it.",
        "sites/image-bomb/content/paginas/fotos-van-het-feest.md:14: the image "../../media/tekening.png" in the text cannot be published: media/tekening.png is named as a PNG image but contains SVG text, not a picture; upload a real PNG or JPEG file.",
        "sites/image-bomb/content/paginas/fotos-van-het-feest.md:16: the image "../../media/IMG_0001.heic" in the text cannot be published: media/IMG_0001.heic is a HEIC photo (the iPhone's own format), which most browsers cannot show; save it as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible) and upload that.",
        "sites/image-bomb/content/paginas/fotos-van-het-feest.md:18: the image "../../media/tekening.svg" in the text cannot be published: media/tekening.svg is an SVG drawing; SVG files can carry scripts, so the site does not publish them. Save it as PNG (logos and drawings) or JPEG (photos) and use that file.",
      ]
    `);
  });
});

describe('broken-links', () => {
  it('finds links to pages, drafts, scheduled news, anchors and media that the site will not have, and http', async () => {
    await workspace.copyFixture('broken-links');
    expect(await check('broken-links')).toMatchInlineSnapshot(`
      [
        "sites/broken-links/content/paginas/over-de-buurt.md:7: the link "/agenda/buurtborel/" leads nowhere: the site has no page /agenda/buurtborel/; did you mean /agenda/buurtborrel/?",
        "sites/broken-links/content/paginas/over-de-buurt.md:8: the link "#toekomst" points to a heading "#toekomst" that is not on this page; the headings there are #geschiedenis, #wie-zijn-wij.",
        "sites/broken-links/content/paginas/over-de-buurt.md:9: the link "/wie-helpt/onderwerp/tuinieren/" leads nowhere: the site has no page /wie-helpt/onderwerp/tuinieren/; did you mean /wie-helpt/onderwerp/klussen/?",
        "sites/broken-links/content/paginas/over-de-buurt.md:10: the link "/nieuws/concept/" points to nieuws/concept.md, which is a draft and not published; publish it first or remove the link.",
        "sites/broken-links/content/paginas/over-de-buurt.md:10: warning: the link "/nieuws/gepland/" points to news that is published on 2026-03-20 at 08:00; until then the link leads to the "page not found" page.",
        "sites/broken-links/content/paginas/over-de-buurt.md:11: the link "../../media/folder.pdf" points to a file in media/, but files in media/ are never published; put the text on a page, or link to where the document is published elsewhere.",
        "sites/broken-links/content/paginas/over-de-buurt.md:11: warning: the link "http://www.gemeente.nl/buurt" uses an insecure connection; write https://www.gemeente.nl/buurt if that website supports it.",
        "sites/broken-links/content/paginas/over-de-buurt.md:12: the link "/contact/#adres" points to a heading "#adres" that is not on /contact/; the headings there are #openingstijden.",
        "sites/broken-links/content/paginas/over-de-buurt.md:12: the link "/nieuws/pagina/2/" leads nowhere: the site has no page /nieuws/pagina/2/.",
        "sites/broken-links/content/paginas/over-de-buurt.md:17: the image "http://kaarten.example/buurt.png" would be loaded over an insecure connection (http://); the site shows no images from other websites: download the image, upload it to media/ and use ![description](../../media/name.jpg).",
        "sites/broken-links/content/paginas/over-de-buurt.md:19: warning: the image "https://cdn.example/logo.png" is not shown: the site loads nothing from other websites (that would tell them who visits); download it, upload it to media/ and use ![description](../../media/name.jpg).",
        "sites/broken-links/content/paginas/over-de-buurt.md:21: the embedded page (iframe) "http://video.example/embed/123" would be loaded over an insecure connection (http://); the site does not embed things from other websites: link to it instead, with [description](https://…).",
        "sites/broken-links/content/paginas/over-de-buurt.md:21: warning: the text contains HTML that the site removes: <iframe> elements; write it in markdown, or use only the HTML listed under "Untrusted content" in the README.",
        "sites/broken-links/content/paginas/plannen.md:6: warning: the link "/bestaat-niet/" leads nowhere: the site has no page /bestaat-niet/ (this file is a draft, so it does not stop the build).",
      ]
    `);
  });

  it('sees a scheduled news item as published once its moment has come', async () => {
    const later = await checkSite('broken-links', siteChecks, { now: parseAmsterdam('2026-03-21T12:00') });
    expect(later.problems.map((p) => p.message).filter((m) => m.includes('/nieuws/gepland/'))).toEqual([]);
  });
});

describe('duplicate-slugs', () => {
  it('refuses names that clash with sections and fixed pages, and unknown groups', async () => {
    await workspace.copyFixture('duplicate-slugs');
    expect(await check('duplicate-slugs')).toMatchInlineSnapshot(`
      [
        "sites/duplicate-slugs/content/agenda/archief.md: an activity cannot be called "archief": /agenda/archief/ is the archive of past activities; rename the file, for example to archief-1.md.",
        "sites/duplicate-slugs/content/agenda/koffie.md:7: field "group": "breiclub" is not a group of this buurt; choose one of moestuin.",
        "sites/duplicate-slugs/content/agenda/oogst.md:7: warning: field "group": the group "moestuin" is a draft, so the activity's page does not name its organiser until the group is published.",
        "sites/duplicate-slugs/content/mensen/kees.md:4: field "topics.1": "ελληνικά" has no letters or digits that can be used in a web address; write it with the letters a–z, like "eenzaamheid".",
        "sites/duplicate-slugs/content/mensen/onderwerp.md: a person cannot be called "onderwerp": /wie-helpt/onderwerp/ holds the pages per topic; rename the file, for example to onderwerp-1.md.",
        "sites/duplicate-slugs/content/mensen/piet.md:4: warning: field "topics.0": "geld zaken" and "geld-zaken" (in kees.md) share the page /wie-helpt/onderwerp/geld-zaken/, which shows "geld-zaken"; write the topic the same way everywhere.",
        "sites/duplicate-slugs/content/nieuws/pagina.md: a news item cannot be called "pagina": /nieuws/pagina/ holds the older news pages (/nieuws/pagina/2/ and on); rename the file, for example to pagina-1.md.",
        "sites/duplicate-slugs/content/paginas/agenda.md: a page cannot be called "agenda": the address /agenda/ belongs to the site itself; rename the file, for example to agenda-info.md.",
        "sites/duplicate-slugs/site.yaml:8: field "menu.4": "over-ons" is neither a section (nieuws, agenda, groepen, wie-helpt, prikbord, meedoen) nor a published page (agenda).",
      ]
    `);
  });
});

describe('gps-photo', () => {
  it('warns about originals with a location, too many pixels or too many bytes, and unused files, without stopping the build', async () => {
    await workspace.copyFixture('gps-photo');
    await workspace.writeBuurt('gps-photo', {
      'media/telefoon.jpg': await phonePhoto(1200, 900),
      'media/plein.jpg': await photo(3000, 2000),
      'media/schets.png': await photo(300, 200, 'png'),
      'media/ongebruikt.jpg': await photo(100, 100),
      'media/notities.txt': 'geen foto',
      'media/zwaar.jpg': Buffer.concat([await photo(1000, 800), Buffer.alloc(3.5 * 1024 * 1024)]),
    });
    const lines = (await check('gps-photo')).filter((line) => line.startsWith('sites/gps-photo/media/'));
    expect(lines).toMatchInlineSnapshot(`
      [
        "sites/gps-photo/media/notities.txt: warning: no page uses this file; it is not published, but it stays in the repository: remove it if it is no longer needed.",
        "sites/gps-photo/media/ongebruikt.jpg: warning: no page uses this file; it is not published, but it stays in the repository: remove it if it is no longer needed.",
        "sites/gps-photo/media/plein.jpg: warning: this image is 3000×2000 pixels; the site never shows more than 1600 pixels, so the larger original only makes the repository heavy. Run "buurt media fix gps-photo" to rewrite it (upright, without metadata, at most 2560 pixels).",
        "sites/gps-photo/media/telefoon.jpg: warning: this image holds the location where it was taken (GPS); the site publishes it without that, but the original stays in the repository history for anyone to read. Run "buurt media fix gps-photo" to rewrite it (upright, without metadata, at most 2560 pixels).",
        "sites/gps-photo/media/zwaar.jpg: warning: no page uses this file; it is not published, but it stays in the repository: remove it if it is no longer needed.",
        "sites/gps-photo/media/zwaar.jpg: warning: this image is 3.5 MB; the original only makes the repository heavy. Run "buurt media fix gps-photo" to rewrite it (upright, without metadata, at most 2560 pixels).",
      ]
    `);
    const { problems } = await checkSite('gps-photo', siteChecks, { now });
    expect(problems.filter((p) => p.file.includes(`${path.sep}media${path.sep}`)).every((p) => p.severity === 'warning')).toBe(true);
  });
});

describe('a clean buurt', () => {
  it('has no problems, and warnings alone do not count as errors', async () => {
    await workspace.copyFixture('broken-links', 'schoon');
    await workspace.writeBuurt('schoon', {
      'content/paginas/over-de-buurt.md':
        '---\ntitle: Over de buurt\nsummary: Wie we zijn.\n---\n## Wie zijn wij\n\n[Agenda](/agenda/) en [oud](http://www.gemeente.nl/).\n',
    });
    const { problems } = await checkSite('schoon', siteChecks, { now });
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning http-link', 'warning broken-link']);
    expect(hasErrors(problems)).toBe(false);
  });
});
