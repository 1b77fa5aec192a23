/**
 * Synthetic buurten for the benchmark, the same every run (seeded): news items, activities (one-off, weekly,
 * monthly, all-day; past and coming), groups, people, the five pages, and photos used by news and activities.
 * Text is Dutch-looking prose with the markdown editors use: paragraphs, headings, lists, links and emphasis.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { stringify } from 'yaml';
import { rootDir } from '../../src/core/paths.ts';
import { random } from '../seeded-random.ts';
import { syntheticPhoto } from './photos.ts';

export interface BuurtSize {
  news: number;
  activities: number;
  photos: number;
  groups: number;
  people: number;
}

/** The benchmark's "now": the agenda and news are generated around it and builds are pinned to it. */
export const BENCH_NOW = '2026-03-01T12:00';

const WORDS = (
  'de het een en van in op met voor aan bij buurt straat plein park tuin huis buren bewoners school kinderen ' +
  'ouderen vrijwilligers gemeente wijk samen koffie markt feest zomer winter lente herfst fiets bank boom bloemen ' +
  'groente moestuin buurthuis bibliotheek activiteit bijeenkomst ochtend middag avond week maand jaar nieuw oud ' +
  'groot klein mooi gezellig belangrijk veilig schoon groen rustig druk open dicht welkom iedereen niemand ' +
  'vraag antwoord hulp zorg afval containers parkeren verkeer speeltuin honden katten vogels water licht ' +
  'lampen stoep drempels bus tram station winkel bakker slager supermarkt kapper apotheek huisarts wijkagent ' +
  'wijkteam buurtverbinder opbouwwerker gesprek plan idee ideeën geld subsidie budget bewonersgroep vergadering ' +
  'verslag besluit afspraak aanmelden meedoen helpen organiseren opruimen planten schilderen koken eten drinken ' +
  'praten luisteren lezen schrijven zingen dansen wandelen fietsen spelen leren vertellen laten zien komen gaan ' +
  'blijven wonen werken beginnen eindigen kiezen stemmen bouwen slopen verbouwen renoveren isoleren besparen ' +
  'energie warmte zonnepanelen dak gevel tuinen bankjes bomen paden hekken muren ramen deuren sleutels post'
).split(' ');

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function sentence(rand: () => number, min = 6, max = 16): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  const words = Array.from({ length: n }, () => pick(rand, WORDS));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${pick(rand, ['.', '.', '.', '!', '?'])}`;
}

function paragraph(rand: () => number): string {
  const sentences = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence(rand));
  if (rand() < 0.3) sentences[0] = sentences[0]!.replace(/^(\S+) (\S+)/, '$1 **$2**');
  if (rand() < 0.2) sentences.push(`Lees meer op [de site van de gemeente](https://www.example.nl/${pick(rand, WORDS)}).`);
  return sentences.join(' ');
}

/** A markdown body of `paragraphs` paragraphs, with a heading and a list now and then. */
export function body(rand: () => number, paragraphs: number): string {
  const parts: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i > 0 && rand() < 0.25) parts.push(`## ${sentence(rand, 2, 5).slice(0, -1)}`);
    parts.push(paragraph(rand));
    if (rand() < 0.15) parts.push(Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `- ${sentence(rand, 3, 8)}`).join('\n'));
  }
  return parts.join('\n\n');
}

function title(rand: () => number): string {
  const text = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => pick(rand, WORDS)).join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

function frontMatter(data: Record<string, unknown>, text: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${text}\n`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-03-01" plus `days` (negative for the past). */
function dayFrom(base: string, days: number): string {
  const d = new Date(`${base.slice(0, 10)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Made photos are kept in the repository's .cache/ (not the benchmark's temporary one) for the next run. */
const photoCacheDir = path.join(rootDir, '.cache', 'bench', 'photos');

/**
 * Photo number `index` (3000×2000 JPEG, about 1.8 MB): one of eight photo-like scenes, cut, mirrored and tinted
 * differently, so every photo has its own bytes. Cached in .cache/bench/photos/, since making them takes a while.
 */
export async function benchPhoto(index: number): Promise<Buffer> {
  const file = path.join(photoCacheDir, `${index}.jpg`);
  try {
    return await readFile(file);
  } catch {
    // Not made yet.
  }
  const baseFile = path.join(photoCacheDir, `base-${index % 8}.jpg`);
  let base: Buffer;
  try {
    base = await readFile(baseFile);
  } catch {
    base = await syntheticPhoto(100 + (index % 8), 3300, 2200);
    await mkdir(path.dirname(baseFile), { recursive: true });
    await writeFile(baseFile, base);
  }
  const rand = random(index + 31);
  let image = sharp(base).extract({ left: Math.floor(rand() * 300), top: Math.floor(rand() * 200), width: 3000, height: 2000 });
  if (rand() < 0.5) image = image.flop();
  const mark = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><circle cx="${200 + rand() * 2600}" cy="${200 + rand() * 1600}" r="${40 + rand() * 120}" fill="rgb(${Math.floor(rand() * 255)},${Math.floor(rand() * 255)},${Math.floor(rand() * 255)})" fill-opacity="0.7"/></svg>`;
  const photo = await image
    .modulate({ brightness: 0.85 + rand() * 0.3, hue: Math.floor(rand() * 40) - 20 })
    .composite([{ input: Buffer.from(mark) }])
    .jpeg({ quality: 90 })
    .toBuffer();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, photo);
  return photo;
}

/**
 * Writes the buurt `slug` into `sitesDir`. With `photos` > 0, news item i (i < photos × 3/4) and then activities
 * use photo i as their image.
 */
export async function generateBuurt(sitesDir: string, slug: string, size: BuurtSize, seed = 1): Promise<{ files: number; photos: number }> {
  const rand = random(seed * 104729 + slug.length);
  const dir = path.join(sitesDir, slug);
  const files: Record<string, string | Buffer> = {};
  const name = `${slug[0]!.toUpperCase()}${slug.slice(1)}`;
  files['site.yaml'] = stringify({
    name,
    tagline: 'Samen maken we de buurt',
    description: `De buurtsite van ${name}.`,
    domain: `https://${slug}.example.nl`,
    email: `contact@${slug}.example.nl`,
    colors: { primary: '#1d5c8c', accent: '#f2b84b' },
    menu: ['nieuws', 'agenda', 'groepen', 'wie-helpt', 'over-de-buurt', 'contact'],
  });
  for (const page of ['welkom', 'over-de-buurt', 'contact', 'privacy', 'toegankelijkheid']) {
    files[`content/paginas/${page}.md`] = frontMatter({ title: page === 'welkom' ? `Welkom in ${name}` : title(rand), summary: sentence(rand) }, body(rand, 4));
  }
  const groupIds: string[] = [];
  for (let i = 0; i < size.groups; i++) {
    const id = `groep-${i + 1}`;
    groupIds.push(id);
    files[`content/groepen/${id}.md`] = frontMatter(
      {
        name: title(rand),
        summary: sentence(rand),
        topics: [pick(rand, WORDS), pick(rand, WORDS)].filter((t) => t.length >= 2),
        meets: 'Elke dinsdag',
        contact: { email: `${id}@${slug}.example.nl` },
      },
      body(rand, 2),
    );
  }
  for (let i = 0; i < size.people; i++) {
    files[`content/mensen/persoon-${i + 1}.md`] = frontMatter(
      {
        name: `${title(rand).split(' ')[0]} ${pick(rand, ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'El Amrani', 'Yılmaz'])}`,
        role: pick(rand, ['buurtverbinder', 'wijkprofessional', 'vrijwilliger'] as const),
        topics: [pick(rand, ['eenzaamheid', 'geldzaken', 'klussen', 'opvoeding', 'wonen', 'werk'])],
      },
      body(rand, 1),
    );
  }
  const photoNames: string[] = [];
  for (let i = 0; i < size.photos; i++) {
    const file = `media/foto-${i + 1}.jpg`;
    files[file] = await benchPhoto(seed * 1000 + i);
    photoNames.push(file);
  }
  const newsWithPhotos = size.photos ? Math.ceil((size.photos * 3) / 4) : 0;
  for (let i = 0; i < size.news; i++) {
    const date = dayFrom(BENCH_NOW, -Math.floor((i * 730) / Math.max(1, size.news)));
    const data: Record<string, unknown> = { title: title(rand), date, summary: sentence(rand), tags: [pick(rand, WORDS)].filter((t) => t.length >= 2) };
    // The alt text is drawn either way, so a buurt with and one without photos get the same text.
    const alt = sentence(rand, 4, 8);
    if (i < newsWithPhotos && photoNames[i]) data.image = { src: `../../${photoNames[i]}`, alt };
    files[`content/nieuws/bericht-${String(i + 1).padStart(4, '0')}.md`] = frontMatter(data, body(rand, 3 + Math.floor(rand() * 4)));
  }
  for (let i = 0; i < size.activities; i++) {
    const kind = rand();
    const day = dayFrom(BENCH_NOW, Math.floor(rand() * 540) - 270);
    const data: Record<string, unknown> = {
      title: title(rand),
      start: `${day}T${pad(9 + Math.floor(rand() * 11))}:00`,
      location: { name: `Buurthuis ${title(rand).split(' ')[0]}`, address: `${title(rand).split(' ')[0]}straat ${1 + Math.floor(rand() * 120)}` },
      summary: sentence(rand),
    };
    const start = data.start as string;
    data.end = `${day}T${pad(Math.min(23, Number(start.slice(11, 13)) + 2))}:00`;
    if (kind < 0.15) data.recurrence = { frequency: 'weekly' };
    else if (kind < 0.25) data.recurrence = { frequency: 'monthly' };
    else if (kind < 0.33) {
      data.start = day;
      data.allDay = true;
      delete data.end;
    }
    if (groupIds.length && rand() < 0.4) data.group = pick(rand, groupIds);
    const photo = photoNames[newsWithPhotos + i];
    const alt = sentence(rand, 4, 8);
    if (photo) data.image = { src: `../../${photo}`, alt };
    files[`content/agenda/activiteit-${String(i + 1).padStart(4, '0')}.md`] = frontMatter(data, body(rand, 1 + Math.floor(rand() * 2)));
  }
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return { files: Object.keys(files).length, photos: photoNames.length };
}
