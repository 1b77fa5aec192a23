/**
 * Concrete tips, in Dutch, for a buurt's volunteers: one or two per dimension, aimed at the weakest measures
 * first ("what would make visitors into users"), or one tip to keep it up when a dimension is thriving. Every
 * Dutch text of the report lives in this file.
 */
import type { Measured } from './measures.ts';
import type { Measure } from './scoring.ts';
import type { MeasureKey } from './thresholds.ts';

const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
/** 0.5 → "0,5" */
export function formatDutchNumber(n: number): string {
  return numberFormat.format(n);
}

/** "Koffieochtend, Breiclub en Repaircafé" */
function listNames(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} en ${rest} andere`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} en ${shown[shown.length - 1]}`;
}

const plural = (n: number, one: string, many: string) => `${formatDutchNumber(n)} ${n === 1 ? one : many}`;

/** Dutch texts the report shows besides tips. */
export const reportNl = {
  /** What an unscored accessibility dimension says. */
  noAudit: 'nog geen audit',
  invalidAudit: 'audit onleesbaar',
  /** The overall level when no dimension could be scored. */
  notScored: 'geen niveau',
};

type Figures = Measured['figures'];
type TipMaker = (figures: Figures, context: TipContext) => string | undefined;

export interface TipContext {
  slug: string;
}

const num = (figures: Figures, key: string) => figures[key] as number;
const names = (figures: Figures, key: string) => (figures[key] as readonly string[] | undefined) ?? [];

/** A tip per measure that is below level 5; undefined when there is nothing concrete to say. */
const measureTips: Readonly<Record<MeasureKey, TipMaker>> = {
  daysSinceLastNews: (f) =>
    f.daysSinceLastNews === null
      ? 'Er staat nog geen nieuws op de site. Begin met een kort bericht: stel de buurtsite voor, of vertel wat er binnenkort in de buurt te doen is.'
      : `Het laatste nieuwsbericht is ${plural(num(f, 'daysSinceLastNews'), 'dag', 'dagen')} oud. Plaats elke week iets kleins: een verslag met foto van een activiteit, een vooraankondiging of een oproep.`,
  newsPerMonth: (f) =>
    f.daysSinceLastNews === null
      ? undefined
      : `In het afgelopen halfjaar verscheen gemiddeld ${plural(num(f, 'newsPerMonth'), 'bericht', 'berichten')} per maand. Maak een vaste rubriek, zoals ‘Buurtgenoot van de maand’, en vraag de groepen om hun nieuws in te sturen.`,
  activitiesNext30Days: (f) =>
    num(f, 'activitiesNext30Days') === 0
      ? 'De komende 30 dagen staat er niets in de agenda. Zet ook kleine activiteiten erin: een koffieochtend, een spreekuur, een opruimactie.'
      : `De komende 30 dagen ${num(f, 'activitiesNext30Days') === 1 ? 'staat' : 'staan'} er ${plural(num(f, 'activitiesNext30Days'), 'activiteit', 'activiteiten')} in de agenda. Zet ook kleine activiteiten erin: een koffieochtend, een spreekuur, een opruimactie.`,
  activitiesNext90Days: (f) =>
    `Voor de komende drie maanden ${num(f, 'activitiesNext90Days') === 1 ? 'staat' : 'staan'} er ${plural(num(f, 'activitiesNext90Days'), 'activiteit', 'activiteiten')} in de agenda. Vraag de groepen in de buurt om hun vaste bijeenkomsten door te geven, met een herhaling erbij.`,
  recurringUpToDateShare: (f) => {
    const stale = names(f, 'recurringNotUpToDate');
    if (!stale.length) return undefined;
    return `${formatDutchNumber(stale.length)} van de ${formatDutchNumber(num(f, 'recurringRunning'))} terugkerende activiteiten ${stale.length === 1 ? 'is' : 'zijn'} al een halfjaar niet bijgewerkt en ${stale.length === 1 ? 'heeft' : 'hebben'} geen einddatum (${listNames(stale)}). Vraag na of ${stale.length === 1 ? 'die nog doorgaat' : 'ze nog doorgaan'} en vul ‘herhalen tot en met’ in.`;
  },
  editors: (f) => {
    const editors = f.editors as number | null;
    if (editors === null) return undefined;
    if (editors === 0)
      return 'Niemand heeft de afgelopen 90 dagen iets aan de site veranderd. Spreek met twee of drie buurtgenoten af wie wat bijhoudt, en vraag de beheerders om hen een account te geven.';
    if (editors === 1)
      return 'De afgelopen 90 dagen werkte maar één persoon aan de site. Zoek een tweede redacteur, zodat de site niet stilvalt als die persoon even niet kan.';
    return `De afgelopen 90 dagen werkten ${formatDutchNumber(editors)} mensen aan de site. Vraag een groep of organisatie om zelf hun activiteiten bij te houden; de beheerders geven hen een account.`;
  },
  contributors: (f) =>
    num(f, 'contributors') === 0
      ? 'Nog geen organisatie of groep draagt bij aan de site. Nodig bijvoorbeeld het wijkteam, de bibliotheek of een sportclub uit om hun activiteiten en spreekuren op de site te zetten.'
      : `Er ${num(f, 'contributors') === 1 ? 'draagt' : 'dragen'} ${plural(num(f, 'contributors'), 'organisatie of groep', 'organisaties en groepen')} bij. Nodig bijvoorbeeld het wijkteam, de bibliotheek of een sportclub uit om hun activiteiten en spreekuren op de site te zetten.`,
  reachableGroupsShare: (f) => {
    if (num(f, 'groups') === 0)
      return 'Er staan nog geen groepen op de site. Zet de clubs, werkgroepen en initiatieven uit de buurt erop, met hoe je ze bereikt.';
    const missing = names(f, 'unreachableGroups');
    if (!missing.length) return undefined;
    return `${formatDutchNumber(missing.length)} van de ${formatDutchNumber(num(f, 'groups'))} groepen ${missing.length === 1 ? 'heeft' : 'hebben'} geen e-mailadres, telefoonnummer of website (${listNames(missing)}). Vraag hen hoe bewoners contact kunnen opnemen, en zet dat erbij.`;
  },
  helpTopics: (f) =>
    num(f, 'helpers') === 0
      ? 'Er staan nog geen buurtverbinders of professionals op de site. Vraag het wijkteam en de buurtverbinders om zich voor te stellen, met de onderwerpen waarvoor bewoners bij hen terecht kunnen.'
      : `Buurtverbinders en professionals helpen nu met ${plural(num(f, 'helpTopics'), 'onderwerp', 'onderwerpen')}. Vraag hen welke vragen ze vaak krijgen en zet die onderwerpen erbij, zoals geldzaken, eenzaamheid of klussen.`,
  incompleteShare: (f) =>
    `${formatDutchNumber(num(f, 'incompleteItems'))} van de ${formatDutchNumber(num(f, 'items'))} berichten, activiteiten en groepen ${num(f, 'incompleteItems') === 1 ? 'heeft' : 'hebben'} geen foto of een te korte samenvatting. Een foto en een samenvatting van een of twee zinnen maken ze beter vindbaar en uitnodigender.`,
  imagesWithoutAlt: (f) =>
    `${plural(num(f, 'imagesWithoutAlt'), 'afbeelding heeft', 'afbeeldingen hebben')} geen bruikbare beschrijving (alt-tekst). Beschrijf in een zin wat er op de foto te zien is, voor bewoners die slecht zien.`,
  brokenLinks: (f, context) =>
    `Er ${num(f, 'brokenLinks') === 1 ? 'is' : 'zijn'} ${plural(num(f, 'brokenLinks'), 'kapotte link of verwijzing', 'kapotte links of verwijzingen')}. Vraag de beheerders om de lijst (buurt check ${context.slug}) en herstel ze, want een link die nergens heen gaat kost vertrouwen.`,
  untouchedShare: (f) =>
    `${plural(num(f, 'untouchedPages'), 'pagina, groep of persoon is', "pagina's, groepen en mensen zijn")} meer dan een jaar niet bijgewerkt. Loop ze na: klopt de informatie nog, en zijn de contactgegevens nog goed?`,
  axeViolations: (f) =>
    `De laatste toegankelijkheidscontrole vond ${plural(num(f, 'axeViolations'), 'probleem', 'problemen')}. Vraag de beheerders welke; vaak gaat het om een foto zonder beschrijving of een link zonder duidelijke tekst.`,
  lighthouseAccessibility: (f) =>
    `De toegankelijkheidsscore is ${formatDutchNumber(num(f, 'lighthouseAccessibility'))} van de 100. Gebruik duidelijke kopjes en linkteksten als ‘Meld je aan’ in plaats van ‘klik hier’, en vraag de beheerders wat er verder beter kan.`,
};

/** The tip for a dimension that is already thriving. */
const keepItUp: Readonly<Record<Measured['id'], string>> = {
  actualiteit: 'Het nieuws is actueel. Vraag ook eens een bewoner of groep om een bericht te schrijven, zodat het niet van één persoon afhangt.',
  agenda: 'De agenda is goed gevuld. Zet bij elke activiteit een foto en hoe je je aanmeldt: dat maakt de stap om te komen kleiner.',
  betrokkenheid: 'Veel mensen doen mee. Bedank ze eens in een nieuwsbericht: dat trekt nieuwe vrijwilligers.',
  verbinding: 'Bewoners kunnen groepen en hulp goed vinden. Noem in nieuwsberichten geregeld wie waarvoor klaarstaat.',
  vindbaarheid: 'De inhoud is compleet en verzorgd. Blijf bij elk nieuw bericht een foto met een goede beschrijving zetten.',
  toegankelijkheid: 'De site is goed toegankelijk. Blijf letten op duidelijke kopjes, korte zinnen en foto’s met een beschrijving.',
};

/** At most this many tips per dimension. */
export const MAX_TIPS = 2;

/** One or two tips for a measured dimension, the weakest measures first. */
export function tipsFor(measured: Measured, context: TipContext): string[] {
  const f = measured.figures;
  if (measured.id === 'toegankelijkheid' && f.audit !== 'present') {
    return f.audit === 'missing'
      ? [
          'Er is nog geen toegankelijkheidscontrole gedaan. Vraag de beheerders van het platform om er een te draaien (buurt audit), zodat je weet of iedereen de site kan gebruiken.',
        ]
      : ['Het resultaat van de laatste toegankelijkheidscontrole is niet te lezen. Vraag de beheerders om de controle opnieuw te draaien (buurt audit).'];
  }
  if (measured.id === 'vindbaarheid' && num(f, 'items') + num(f, 'pages') === 0) {
    return ['Er staat nog bijna niets op de site om te vinden. Begin met een welkomstpagina, een eerste nieuwsbericht en de groepen in de buurt.'];
  }
  const tips: string[] = [];
  // An old audit says little about the site as it is now: running it again comes first.
  if (measured.id === 'toegankelijkheid' && f.auditStale === true) {
    tips.push(
      `De laatste toegankelijkheidscontrole is ${plural(num(f, 'auditAgeDays'), 'dag', 'dagen')} oud. Vraag de beheerders om een nieuwe, want de site verandert elke week.`,
    );
  }
  const weakest = [...measured.measures].filter((m) => m.level < 5).sort((a: Measure, b: Measure) => a.level - b.level);
  for (const m of weakest) {
    if (tips.length >= MAX_TIPS) break;
    const tip = measureTips[m.key](f, context);
    if (tip && !tips.includes(tip)) tips.push(tip);
  }
  return tips.length ? tips : [keepItUp[measured.id]];
}
