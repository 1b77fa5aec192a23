/**
 * The next steps from the stappenplan for a new buurt (docs/starten/README.md) that the report can see are not
 * yet done: a new buurt's first report lists them, so its people know where to begin. Each step is judged from
 * the report's own figures; a step whose figure is unknown (no git history, no audit) is not claimed undone.
 */
import type { DimensionId, Measured } from './measures.ts';

export interface NextStep {
  /** The step's heading anchor in docs/starten/README.md: "3-de-eerste-tien-items". */
  id: string;
  /** "Stap 3: de eerste tien items". */
  title: string;
  /** What to do, in one Dutch sentence. */
  text: string;
}

type Figures = Readonly<Record<DimensionId, Measured['figures']>>;

interface StepRule extends NextStep {
  /** True when the figures show the step still needs doing; undefined when they cannot tell. */
  open(f: Figures): boolean | undefined;
}

const list = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** The stappenplan's steps that the report can judge, in the plan's order. */
const STEPS: readonly StepRule[] = [
  {
    id: '3-de-eerste-tien-items',
    title: 'Stap 3: de eerste tien items',
    text: 'Zet de eerste tien items op de site: de welkomsttekst, Over de buurt, Contact, Privacy, twee nieuwsberichten, de vaste activiteiten, twee of drie groepen en iemand onder Wie helpt.',
    open: (f) => (f.vindbaarheid.items as number) < 10,
  },
  {
    id: '3-de-eerste-tien-items',
    title: 'Stap 3: een eerste nieuwsbericht',
    text: 'Plaats een eerste nieuwsbericht dat de site voorstelt, met een foto.',
    open: (f) => f.actualiteit.daysSinceLastNews === null,
  },
  {
    id: '3-de-eerste-tien-items',
    title: 'Stap 3: de vaste activiteiten',
    text: 'Zet de vaste activiteiten van de buurt (koffieochtend, spreekuur, taalcafé) in de agenda als herhalende activiteit.',
    open: (f) => f.agenda.recurringRunning === 0,
  },
  {
    id: '3-de-eerste-tien-items',
    title: 'Stap 3: groepen en Wie helpt',
    text: 'Zet twee of drie groepen uit de buurt op de site, met hoe je ze bereikt, en een of twee mensen onder Wie helpt.',
    open: (f) => (f.verbinding.groups as number) < 2 || f.verbinding.helpers === 0,
  },
  {
    id: '4-redacteuren-werven',
    title: 'Stap 4: redacteuren werven',
    text: 'Zoek minstens twee redacteuren, zodat de site niet van één persoon afhangt, en geef ze door aan de beheerders.',
    open: (f) => (f.betrokkenheid.editors === null ? undefined : (f.betrokkenheid.editors as number) < 2),
  },
  {
    id: '5-groepen-en-organisaties-uitnodigen',
    title: 'Stap 5: groepen en organisaties uitnodigen',
    text: 'Vraag de groepen en organisaties in de buurt om hun activiteiten en spreekuren door te geven.',
    open: (f) => list(f.betrokkenheid.organisations) === 0 && list(f.betrokkenheid.groupsWithActivities) === 0,
  },
  {
    id: '9-toegankelijkheid-laten-controleren',
    title: 'Stap 9: toegankelijkheid laten controleren',
    text: 'Vraag de beheerders om een toegankelijkheidscontrole (buurt audit).',
    open: (f) => f.toegankelijkheid.audit === 'missing',
  },
];

/** The first `max` steps of the stappenplan that the figures show are still open (one per step of the plan). */
export function nextSteps(measured: readonly Measured[], max = 3): NextStep[] {
  const figures = Object.fromEntries(measured.map((m) => [m.id, m.figures])) as unknown as Figures;
  const steps: NextStep[] = [];
  for (const step of STEPS) {
    if (steps.length >= max) break;
    if (step.open(figures) !== true) continue;
    // One line per step of the plan: the first open rule of step 3 speaks for it.
    if (steps.some((s) => s.id === step.id)) continue;
    steps.push({ id: step.id, title: step.title, text: step.text });
  }
  return steps;
}
