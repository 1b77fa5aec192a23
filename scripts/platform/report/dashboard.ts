/**
 * The platform dashboard: one static, self-contained HTML page over all buurten for platform maintainers
 * (`buurt report --all --html report.html`). One row per buurt with its level on each dimension, as a colour
 * AND as text, and sparklines of news and activities per month as inline SVG with a text alternative.
 *
 * No JavaScript, no external resources (fonts, scripts, images: nothing is fetched), one `<style>` element.
 * Every text that comes from content or site.yaml is escaped by the `html` template tag.
 */
import { createHash } from 'node:crypto';
import { contrastRatio } from '../../../src/theme/colours.ts';
import { escapeHtml } from '../../../src/markdown/markdown.ts';
import { SLUG_PATTERN } from '../../../src/model/schemas.ts';
import type { BuurtReport, DimensionReport } from './index.ts';
import { dimensionIds, DIMENSION_NAMES, type DimensionId } from './measures.ts';
import { LEVEL_LABELS, type Level } from './scoring.ts';
import { windows } from './thresholds.ts';

/** HTML that is already safe to insert. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template tag that escapes every interpolated value unless it is `SafeHtml` (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Text colour of the dashboard, on every level colour. */
export const TEXT_COLOUR = '#1a1a1a';

/** Background colour per level (text is always `TEXT_COLOUR`, contrast well above 4.5:1); `none` when unscored. */
export const LEVEL_COLOURS: Readonly<Record<Level | 'none', string>> = {
  1: '#f6c9c4',
  2: '#fbdcb4',
  3: '#f7eeaa',
  4: '#d3ecc0',
  5: '#a8dcb8',
  none: '#e6e6e6',
};

/** Bars of the sparklines: dark enough for 3:1 against the white page (WCAG 1.4.11). */
export const BAR_COLOUR = '#1d5c8c';

/** The lowest contrast between the text and any level colour (tests hold it at 4.5:1 or more). */
export function lowestLevelContrast(): number {
  return Math.min(...Object.values(LEVEL_COLOURS).map((bg) => contrastRatio(bg, TEXT_COLOUR)));
}

const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const FULL_MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function monthShort(key: string): string {
  const [, month] = key.split('-').map(Number);
  return SHORT_MONTHS[month! - 1]!;
}

function monthLong(key: string): string {
  const [year, month] = key.split('-').map(Number);
  return `${FULL_MONTHS[month! - 1]} ${year}`;
}

/** A safe, unique fragment for ids: "oost" → "oost"; a folder name with other characters gets a short hash. */
function idPart(slug: string): string {
  if (SLUG_PATTERN.test(slug)) return slug;
  const hash = createHash('sha1').update(slug).digest('hex').slice(0, 8);
  return `${slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}-${hash}`;
}

/** The level as a coloured badge that always says the level in words. */
export function levelBadge(level: Level | null, label: string): SafeHtml {
  const cls = level === null ? 'level level-none' : `level level-${level}`;
  return level === null ? html`<span class="${cls}">${label}</span>` : html`<span class="${cls}"><span class="level-number">${level}</span> ${label}</span>`;
}

/**
 * A sparkline of counts per month: bars in an inline SVG, named by a `<title>` and described by a `<desc>`
 * listing every month's figure (the text alternative), with the total shown as text beside it.
 */
export function sparkline(id: string, what: string, months: readonly string[], values: readonly number[]): SafeHtml {
  const width = months.length * 8;
  const height = 28;
  const max = Math.max(1, ...values);
  const bars = values.map((v, i) => {
    const h = v === 0 ? 0 : Math.max(2, Math.round((v / max) * (height - 4)));
    return h ? html`<rect x="${i * 8 + 1}" y="${height - 1 - h}" width="6" height="${h}"></rect>` : '';
  });
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const title = `${what} per maand, ${monthLong(first)} tot en met ${monthLong(last)}`;
  const desc = months.map((m, i) => `${monthShort(m)} ${m.slice(0, 4)}: ${values[i]}`).join(', ');
  const total = values.reduce((a, b) => a + b, 0);
  return html`<span class="spark"><svg class="sparkline" role="img" aria-labelledby="${id}-title ${id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" focusable="false"><title id="${id}-title">${title}</title><desc id="${id}-desc">${desc}</desc><line x1="0" y1="${height - 0.5}" x2="${width}" y2="${height - 0.5}"></line>${bars}</svg> <span class="spark-total">${total} in ${months.length} maanden</span></span>`;
}

function dimensionCell(dimension: DimensionReport): SafeHtml {
  return html`<td>${levelBadge(dimension.level, dimension.levelLabel)}</td>`;
}

function overviewRow(report: BuurtReport): SafeHtml {
  const id = idPart(report.slug);
  const byId = new Map(report.dimensions.map((d) => [d.id, d]));
  return html`<tr>
<th scope="row"><a href="#buurt-${id}">${report.name}</a> <span class="slug">${report.slug}</span></th>
<td>${levelBadge(report.level, report.levelLabel)}</td>
${dimensionIds.map((d) => dimensionCell(byId.get(d)!))}
<td>${sparkline(`spark-${id}-news`, `${report.name}: nieuwsberichten`, report.history.months, report.history.news)}</td>
<td>${sparkline(`spark-${id}-activities`, `${report.name}: activiteiten`, report.history.months, report.history.activities)}</td>
</tr>
`;
}

function detailSection(report: BuurtReport): SafeHtml {
  const id = idPart(report.slug);
  const notes: SafeHtml[] = [];
  if (!report.git)
    notes.push(html`<p class="note">De map met buurten staat niet in een git-repository: redacteuren en lang niet bijgewerkte pagina’s zijn onbekend.</p>`);
  if (report.contentErrors) {
    notes.push(
      html`<p class="note">${report.contentErrors} ${report.contentErrors === 1 ? 'fout' : 'fouten'} in de inhoud: de site van deze buurt wordt pas weer gebouwd als ${report.contentErrors === 1 ? 'die is' : 'die zijn'} opgelost (zie <code>buurt check ${report.slug}</code>).</p>`,
    );
  }
  const steps = report.nextSteps.length
    ? html`<h3 id="buurt-${id}-steps">Volgende stappen uit het stappenplan</h3>
<ol>${report.nextSteps.map((step) => html`<li><strong>${step.title}.</strong> ${step.text}</li>`)}</ol>
`
    : '';
  return html`<section class="buurt" id="buurt-${id}" aria-labelledby="buurt-${id}-title">
<h2 id="buurt-${id}-title">${report.name} <span class="slug">(${report.slug})</span></h2>
<p>Niveau van de buurt: ${levelBadge(report.level, report.levelLabel)}</p>
${notes}
${steps}
<section class="table-scroll" aria-labelledby="buurt-${id}-caption" tabindex="0">
<table class="details">
<caption id="buurt-${id}-caption">${report.name}: niveau, cijfers en tips per onderdeel</caption>
<thead><tr><th scope="col">Onderdeel</th><th scope="col">Niveau</th><th scope="col">Cijfers</th><th scope="col">Tips voor de vrijwilligers</th></tr></thead>
<tbody>
${report.dimensions.map(
  (d) => html`<tr>
<th scope="row">${d.name}</th>
<td>${levelBadge(d.level, d.levelLabel)}</td>
<td>${d.summary}</td>
<td><ul>${d.tips.map((tip) => html`<li>${tip}</li>`)}</ul></td>
</tr>
`,
)}</tbody>
</table>
</section>
</section>
`;
}

const STYLE = `
:root{color-scheme:light}
body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${TEXT_COLOUR};background:#fff;margin:0 auto;padding:1rem 1.5rem 3rem;max-width:90rem}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.35rem;margin:2.5rem 0 .5rem}
a{color:#0b4f80}
a:focus-visible{outline:3px solid #0b4f80;outline-offset:2px}
.table-scroll{overflow-x:auto}
.table-scroll:focus-visible{outline:3px solid #0b4f80;outline-offset:2px}
.overview{font-size:.9rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem;max-width:calc(100vw - 3rem)}
th,td{border:1px solid #8a8a8a;padding:.4rem .55rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
.slug{color:#4d4d4d;font-size:.875rem;font-weight:normal}
.level{display:inline-block;padding:.1rem .45rem;border-radius:.25rem;border:1px solid #6b6b6b;white-space:nowrap;color:${TEXT_COLOUR}}
.level-number{font-weight:700}
${(Object.entries(LEVEL_COLOURS) as [string, string][]).map(([level, bg]) => `.level-${level}{background:${bg}}`).join('\n')}
.legend{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.spark{display:inline-flex;flex-direction:column;align-items:flex-start;gap:.15rem;white-space:nowrap}
.sparkline{fill:${BAR_COLOUR};stroke:none}
.sparkline line{stroke:#6b6b6b;stroke-width:1}
.spark-total{font-size:.875rem}
.details{min-width:40rem}
.details td ul{margin:0;padding-left:1.1rem}
.note{border-left:4px solid #8a8a8a;padding-left:.6rem}
@media print{.table-scroll{overflow:visible}}
`;

export interface DashboardOptions {
  /** When the report was made; shown in the heading. */
  generatedAt: Date;
}

/** "1 maart 2026 om 12:00" (Amsterdam time). */
function formatDutchDateTime(instant: Date): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The whole dashboard page for the given reports (one row per buurt, in the order given). */
export function renderDashboard(reports: readonly BuurtReport[], options: DashboardOptions): string {
  const when = formatDutchDateTime(options.generatedAt);
  const levels = ([1, 2, 3, 4, 5] as const).map((level) => html`<li>${levelBadge(level, LEVEL_LABELS[level])}</li>`);
  const page = html`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Hoe levendig is elke buurtsite? Rapport van ${when}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<h1>Hoe levendig is elke buurtsite?</h1>
<p>Het volwassenheidsrapport van ${reports.length} ${reports.length === 1 ? 'buurt' : 'buurten'}, gemeten op ${when} uit de eigen inhoud van elke buurt, de geschiedenis van de wijzigingen, <code>buurt check</code> en de laatste toegankelijkheidscontrole. Bezoekers worden hiervoor niet gevolgd.</p>
</header>
<main>
<h2 id="levels">Niveaus</h2>
<p>Elk onderdeel krijgt een niveau van 1 tot 5. Het niveau van de buurt is het gemiddelde van de onderdelen, naar beneden afgerond.</p>
<ul class="legend">${levels}<li>${levelBadge(null, 'nog geen audit')} (nog geen toegankelijkheidscontrole)</li></ul>
<h2 id="overview">Alle buurten</h2>
<section class="table-scroll" aria-labelledby="overview" tabindex="0">
<table class="overview" aria-describedby="overview-note">
<caption>Niveau van elke buurt per onderdeel, en nieuws en activiteiten per maand over de laatste ${windows.historyMonths} maanden</caption>
<thead><tr><th scope="col">Buurt</th><th scope="col">Niveau</th>${dimensionIds.map((d: DimensionId) => html`<th scope="col">${DIMENSION_NAMES[d]}</th>`)}<th scope="col">Nieuws per maand</th><th scope="col">Activiteiten per maand</th></tr></thead>
<tbody>
${reports.map(overviewRow)}</tbody>
</table>
</section>
<p id="overview-note">Kies de naam van een buurt voor de cijfers en de tips voor de vrijwilligers.</p>
${reports.length ? '' : html`<p>Er zijn nog geen buurten.</p>`}
${reports.map(detailSection)}
</main>
<footer><p>Gemaakt met <code>buurt report</code>. Hoe de niveaus worden bepaald, staat in de handleiding voor beheerders (docs/maintainers/report.md).</p></footer>
</body>
</html>
`;
  return page.value;
}
