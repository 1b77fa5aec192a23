/**
 * What the local CMS backend answers when it refuses or fails: Dutch, because Decap shows the `error` of an
 * answer to the editor as it is. Each says what happened and what to do. Stable names, pinned in
 * tests/cms-local.test.ts.
 */

import { PlatformError, type ErrorKind } from '../core/errors.ts';

type Values = Record<string, string | number>;

/** The catalogue: name → the Dutch message for the editor, and the HTTP status of the answer. */
export const LOCAL_CMS_ERRORS = {
  badRequest: (v: Values) => `De lokale CMS begreep dit verzoek niet (${v.detail}). Laad de pagina opnieuw en probeer het nog eens.`,
  badPath: (v: Values) => `"${v.path}" is geen geldig pad. De lokale CMS leest en schrijft alleen bestanden in sites/${v.slug}/.`,
  outsideBuurt: (v: Values) =>
    `"${v.path}" ligt buiten de map van deze buurt. De lokale CMS leest en schrijft alleen in sites/${v.slug}/; andere buurten en de code van het platform blijven dicht.`,
  wrongBranch: (v: Values) => `De lokale CMS werkt alleen op de tak "${v.branch}", niet op "${v.given}". Laad /admin/ opnieuw.`,
  branchMissing: (v: Values) =>
    `De tak "${v.branch}" bestaat niet (meer). Stop de lokale CMS (Ctrl+C in de terminal) en start hem opnieuw; dan wordt de tak weer gemaakt.`,
  badConcept: (v: Values) => `"${v.collection}/${v.entry}" is geen geldige naam voor een concept. Kies een titel met gewone letters en cijfers.`,
  conceptMissing: (v: Values) => `Dit concept bestaat niet meer (tak "${v.branch}"); misschien is het net gepubliceerd of verwijderd. Laad de pagina opnieuw.`,
  fileMissing: (v: Values) => `Het bestand "${v.path}" bestaat niet (meer). Laad de pagina opnieuw.`,
  tooLarge: (v: Values) => `Het bestand "${v.path}" is te groot om te tonen (${v.size} bytes).`,
  conflict: (v: Values) =>
    `Dit concept kan niet gepubliceerd worden: dezelfde tekst is intussen ook op een andere manier veranderd (tak "${v.branch}"). Kopieer je tekst, verwijder het concept en maak het opnieuw.`,
  unknownAction: (v: Values) => `De lokale CMS kent de opdracht "${v.action}" niet.`,
  unexpected: (v: Values) =>
    `De lokale CMS kon dit niet uitvoeren (${v.reason}). Er is niets half opgeslagen; probeer het opnieuw. Blijft het misgaan, kijk dan in de terminal waar de CMS draait.`,
  notThisSite: (v: Values) => `De lokale CMS antwoordt alleen aan de site zelf op ${v.origin}. Open /admin/ via dat adres.`,
  onlyPost: () => 'De lokale CMS neemt alleen POST-verzoeken met JSON aan.',
  bodyTooLarge: (v: Values) => `Dit verzoek is te groot (meer dan ${v.limit} MB). Kies een kleinere foto.`,
  badJson: () => 'De lokale CMS kreeg een verzoek dat geen geldige JSON is. Laad de pagina opnieuw.',
} as const;

export type LocalCmsErrorName = keyof typeof LOCAL_CMS_ERRORS;

const STATUS: Partial<Record<LocalCmsErrorName, number>> = {
  outsideBuurt: 403,
  wrongBranch: 403,
  conceptMissing: 404,
  fileMissing: 404,
  conflict: 409,
  tooLarge: 413,
  bodyTooLarge: 413,
  branchMissing: 409,
  notThisSite: 403,
  onlyPost: 405,
};

/**
 * The kind of each refusal (errors.ts): `state` when the repository moved on under the editor (a branch, concept or
 * file gone, a conflict), `environment` for a failure of git or the machine, `usage` for a request the backend does
 * not take. Each message already says what to do, so there is no separate hint.
 */
const KIND: Partial<Record<LocalCmsErrorName, ErrorKind>> = {
  branchMissing: 'state',
  conceptMissing: 'state',
  fileMissing: 'state',
  conflict: 'state',
  unexpected: 'environment',
};

/** A refusal of the local CMS backend; `message` is the Dutch text for the editor. */
export class LocalCmsError extends PlatformError {
  readonly code: LocalCmsErrorName;
  readonly status: number;
  constructor(code: LocalCmsErrorName, values: Values = {}) {
    super(LOCAL_CMS_ERRORS[code](values), { kind: KIND[code] ?? 'usage' });
    this.name = 'LocalCmsError';
    this.code = code;
    this.status = STATUS[code] ?? 422;
  }
}
