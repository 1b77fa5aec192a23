/**
 * The buurt's own report for its editors, built with the site at /admin/rapport/: the overall level, a picture
 * of the six dimensions (a bar per dimension, level 1–5, with the level in words beside it), the two or three
 * tips that matter most now (from the weakest dimensions first), and the next steps of the stappenplan.
 * Only when the build has the git history; otherwise a page that says why there is no report.
 *
 * Static HTML without scripts or inline styles (its stylesheet is /admin/rapport/rapport.css), every text from
 * content escaped by the `html` tag.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readAuditSummary } from './audit.ts';
import { formatLocalDateTime, readGitFacts } from './history.ts';
import { buildReport, type BuurtReport, type DimensionReport } from './index.ts';
import type { ReportInput } from './measures.ts';
import { activeSubmissionMonths } from './submissions.ts';
import { html, LEVEL_COLOURS, levelBadge, type SafeHtml, TEXT_COLOUR } from './dashboard.ts';

/** The tips that matter most now: the first tip of each dimension, weakest (lowest level) first. */
export function mostImportantTips(report: BuurtReport, max = 3): { dimension: string; tip: string }[] {
  const scored = report.dimensions.filter((d) => d.tips.length > 0);
  const order = (d: DimensionReport) => d.level ?? 0;
  return [...scored]
    .sort((a, b) => order(a) - order(b))
    .slice(0, max)
    .map((d) => ({ dimension: d.name, tip: d.tips[0]! }));
}

/** The picture of the dimensions: one bar per dimension, as long as its level, named in text too. */
export function dimensionsPicture(report: BuurtReport): SafeHtml {
  const rowHeight = 34;
  const labelWidth = 230;
  const barUnit = 60;
  const width = labelWidth + 5 * barUnit + 130;
  const height = report.dimensions.length * rowHeight + 10;
  const rows = report.dimensions.map((d, i) => {
    const y = 5 + i * rowHeight;
    const level = d.level ?? 0;
    const fill = d.level === null ? LEVEL_COLOURS.none : LEVEL_COLOURS[d.level];
    const text = d.level === null ? d.levelLabel : `${d.level} ${d.levelLabel}`;
    return html`<text x="0" y="${y + 21}">${d.name}</text><rect x="${labelWidth}" y="${y + 4}" width="${5 * barUnit}" height="24" class="track"></rect>${
      level ? html`<rect x="${labelWidth}" y="${y + 4}" width="${level * barUnit}" height="24" fill="${fill}" class="bar"></rect>` : ''
    }<text x="${labelWidth + 5 * barUnit + 10}" y="${y + 21}">${text}</text>`;
  });
  const description = report.dimensions.map((d) => `${d.name}: ${d.level === null ? d.levelLabel : `niveau ${d.level}, ${d.levelLabel}`}`).join('; ');
  return html`<svg class="picture" role="img" aria-labelledby="picture-title picture-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="picture-title">Niveau per onderdeel</title><desc id="picture-desc">${description}</desc>${rows}</svg>`;
}

const STYLE = `body{font:1.125rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${TEXT_COLOUR};background:#fff;margin:0 auto;padding:1rem 1.25rem 3rem;max-width:50rem}
a{color:#0b4f80}a:focus-visible{outline:3px solid #0b4f80;outline-offset:2px}
.picture{max-width:100%;height:auto;font-size:15px}.picture text{fill:${TEXT_COLOUR}}.picture .track{fill:#fff;stroke:#6b6b6b}.picture .bar{stroke:#6b6b6b}
.level{display:inline-block;padding:.1rem .45rem;border-radius:.25rem;border:1px solid #6b6b6b;white-space:nowrap}
.level-number{font-weight:700}
${(Object.entries(LEVEL_COLOURS) as [string, string][]).map(([level, bg]) => `.level-${level}{background:${bg}}`).join('\n')}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #8a8a8a;padding:.4rem .55rem;text-align:left;vertical-align:top}
.note{border-left:4px solid #8a8a8a;padding-left:.6rem}`;

function page(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="stylesheet" href="/admin/rapport/rapport.css">
</head>
<body>
<p><a href="/admin/">← Terug naar het beheer</a></p>
<main>
${body}
</main>
</body>
</html>
`.value;
}

/** The report page of one buurt for its editors. */
export function renderBuurtReportPage(report: BuurtReport): string {
  const tips = mostImportantTips(report);
  const body = html`<h1>Hoe levendig is ${report.name}?</h1>
<p>Gemeten op ${formatLocalDateTime(new Date(report.now))} (Nederlandse tijd), bij het bijwerken van de site, uit de inhoud van de site en de geschiedenis van de wijzigingen. Bezoekers worden hiervoor niet gevolgd.</p>
<p>Niveau van de buurt: ${levelBadge(report.level, report.levelLabel)} <span>(van 1 startend tot 5 bloeiend)</span></p>
${report.contentErrors ? html`<p class="note">Er ${report.contentErrors === 1 ? 'is 1 fout' : `zijn ${report.contentErrors} fouten`} in de inhoud.</p>` : ''}
${dimensionsPicture(report)}
<h2>Wat nu het meest helpt</h2>
<ol>${tips.map((t) => html`<li><strong>${t.dimension}:</strong> ${t.tip}</li>`)}</ol>
${
  report.nextSteps.length
    ? html`<h2>Volgende stappen uit het stappenplan</h2>
<ol>${report.nextSteps.map((s) => html`<li><strong>${s.title}.</strong> ${s.text}</li>`)}</ol>`
    : ''
}
<h2>De cijfers per onderdeel</h2>
<table>
<thead><tr><th scope="col">Onderdeel</th><th scope="col">Niveau</th><th scope="col">Cijfers</th></tr></thead>
<tbody>${report.dimensions.map((d) => html`<tr><th scope="row">${d.name}</th><td>${levelBadge(d.level, d.levelLabel)}</td><td>${d.summary}</td></tr>`)}</tbody>
</table>
${submissionsSection(report)}
<p>Meer over de onderdelen en hoe je verder komt: het stappenplan voor een nieuwe buurtsite (vraag het de beheerders) en de <a href="/admin/handleiding/">handleiding</a>.</p>`;
  return page(`Rapport – ${report.name}`, body);
}

/**
 * What residents sent in through Meedoen and what the editors published of it, per month: only when the buurt takes
 * submissions or has had any.
 */
function submissionsSection(report: BuurtReport): SafeHtml | '' {
  const months = report.submissions ? activeSubmissionMonths(report.submissions) : [];
  const takes = report.dimensions.find((d) => d.id === 'betrokkenheid')?.figures.takesSubmissions;
  if (!report.submissions || (!takes && !months.length)) return '';
  return html`<h2>Inzendingen van bewoners</h2>
<p>Wat bewoners via <strong>Meedoen</strong> instuurden en wat jullie daarvan publiceerden, per maand. Geteld uit de geschiedenis van de site: niet wie het stuurde.</p>
${
  months.length
    ? html`<table>
<thead><tr><th scope="col">Maand</th><th scope="col">Ontvangen</th><th scope="col">Gepubliceerd</th></tr></thead>
<tbody>${months.map((m) => html`<tr><th scope="row">${m.month}</th><td>${m.received}</td><td>${m.published}</td></tr>`)}</tbody>
</table>`
    : html`<p>Nog geen inzendingen in de afgelopen 12 maanden.</p>`
}`;
}

/** The page when the build had no git history: no report, and why. */
export function renderNoReportPage(siteName: string): string {
  return page(
    `Rapport – ${siteName}`,
    html`<h1>Hoe levendig is ${siteName}?</h1>
<p>Er is bij deze versie van de site geen rapport gemaakt: het rapport heeft de geschiedenis van de wijzigingen nodig (wie wat wanneer veranderde), en die was er bij het bijwerken van de site niet bij.</p>
<p>Vraag de beheerders van het platform om het rapport (<code>buurt report</code>), of om de site te bouwen met de volledige geschiedenis.</p>`,
  );
}

/**
 * Writes /admin/rapport/index.html into a built site from the content the build checked: the report when the
 * buurt's folder is in a git repository, otherwise the page that says why there is none.
 */
export async function writeBuurtReportPage(outDir: string, input: Omit<ReportInput, 'git' | 'audit'>): Promise<void> {
  const [git, audit] = await Promise.all([readGitFacts(input.site.slug, input.now), readAuditSummary(input.site.slug)]);
  const contentErrors = input.problems.filter((p) => p.severity === 'error').length;
  const name = input.site.config?.name ?? input.site.slug;
  const body = git ? renderBuurtReportPage(buildReport({ ...input, git, audit }, contentErrors)) : renderNoReportPage(name);
  const dir = path.join(outDir, 'admin', 'rapport');
  await mkdir(dir, { recursive: true });
  await Promise.all([writeFile(path.join(dir, 'index.html'), body), writeFile(path.join(dir, 'rapport.css'), STYLE)]);
}
