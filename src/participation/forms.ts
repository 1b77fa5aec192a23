/**
 * The residents' forms on /meedoen/: their fields, the HTML of a form (empty on the built page, filled in with
 * a GOV.UK-style error summary when the function sends it back), and turning what was sent into content.
 *
 * The rules are the content model's own: what a form accepts is built into front matter and checked with
 * `activitySchema` / `newsSchema` from schemas.ts, the text is rendered with the site's markdown sanitiser, and
 * anything the sanitiser would remove is refused. So a form never accepts what `buurt check` would refuse.
 */
import {
  activitySchema,
  addMonthsToDate,
  DEFAULT_PRIKBORD_CATEGORIES,
  EMAIL_PATTERN,
  newsSchema,
  PHONE_PATTERN,
  prikbordSchema,
  type participationForms,
} from '../model/schemas.ts';
import { findEmailAddresses, findPhoneNumbers } from '../markdown/personal-data.ts';
import { categoryLabel, defaultValidUntil } from '../prikbord/posts.ts';
import { addDays, formatIsoDate, isValidDate, parseWallClock, toWallClock } from '../dates/dates.ts';
import { escapeHtml, renderMarkdown } from '../markdown/markdown.ts';
import { meedoenTexts } from './texts.ts';

export type ParticipationForm = (typeof participationForms)[number];

/** One field of a form. `name` is the form field name (Dutch, as residents' browsers remember it). */
export interface FieldDef {
  name: string;
  label: string;
  hint?: string;
  type: 'text' | 'textarea' | 'date' | 'time' | 'email' | 'tel' | 'file' | 'radio' | 'checkbox';
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
  options?: readonly { value: string; label: string }[];
  /** Said when the field is empty but required. */
  missing?: string;
  /** Said when the value is not acceptable. */
  invalid?: string;
  /** `you`: about the sender (never stored); otherwise about the activity or news. */
  section?: 'you';
}

/** The largest photo a resident may send, and the largest request. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + 256 * 1024;
/** The longest text (body) a resident may send. */
export const MAX_TEXT_LENGTH = 5000;

const you: FieldDef[] = [
  {
    name: 'naam',
    label: 'Je naam',
    type: 'text',
    required: true,
    maxLength: 120,
    autocomplete: 'name',
    section: 'you',
    missing: 'Vul je naam in',
    invalid: 'Je naam mag hoogstens 120 tekens zijn',
  },
  {
    name: 'email',
    label: 'Je e-mailadres',
    hint: 'Bijvoorbeeld: naam@voorbeeld.nl',
    type: 'email',
    required: true,
    maxLength: 200,
    autocomplete: 'email',
    section: 'you',
    missing: 'Vul je e-mailadres in',
    invalid: 'Vul een e-mailadres in zoals naam@voorbeeld.nl',
  },
];

const photo: FieldDef[] = [
  {
    name: 'foto',
    label: 'Foto',
    hint: 'Niet verplicht. Een JPEG-, PNG- of WebP-foto van hoogstens 10 MB. Alleen met toestemming van wie erop staat.',
    type: 'file',
    invalid: 'Kies een foto in JPEG, PNG of WebP van hoogstens 10 MB',
  },
  {
    name: 'fotobeschrijving',
    label: 'Wat is er op de foto te zien?',
    hint: 'Voor mensen die de foto niet kunnen zien. Verplicht als je een foto kiest.',
    type: 'text',
    maxLength: 250,
    missing: 'Beschrijf wat er op de foto te zien is',
    invalid: 'De beschrijving van de foto mag hoogstens 250 tekens zijn',
  },
];

/** The fields of each form, in the order shown. */
export const FORM_FIELDS: Readonly<Record<ParticipationForm, readonly FieldDef[]>> = {
  activiteit: [
    {
      name: 'titel',
      label: 'Naam van de activiteit',
      hint: 'Kort en duidelijk, bijvoorbeeld: Soep en praatje',
      type: 'text',
      required: true,
      maxLength: 140,
      missing: 'Vul de naam van de activiteit in',
      invalid: 'De naam mag hoogstens 140 tekens zijn',
    },
    {
      name: 'datum',
      label: 'Datum',
      hint: 'Bijvoorbeeld: 14-03-2027',
      type: 'date',
      required: true,
      missing: 'Vul de datum in',
      invalid: 'Vul een datum in zoals 14-03-2027',
    },
    {
      name: 'begintijd',
      label: 'Begintijd',
      hint: 'Bijvoorbeeld: 19:30',
      type: 'time',
      required: true,
      missing: 'Vul de begintijd in',
      invalid: 'Vul een tijd in zoals 19:30',
    },
    {
      name: 'eindtijd',
      label: 'Eindtijd',
      hint: 'Niet verplicht. Bijvoorbeeld: 21:00',
      type: 'time',
      invalid: 'Vul een eindtijd in zoals 21:00, na de begintijd',
    },
    {
      name: 'herhaling',
      label: 'Hoe vaak?',
      type: 'radio',
      options: [
        { value: 'eenmalig', label: 'Eén keer' },
        { value: 'weekly', label: 'Elke week' },
        { value: 'biweekly', label: 'Om de week' },
        { value: 'monthly', label: 'Elke maand' },
      ],
      invalid: 'Kies hoe vaak de activiteit is',
    },
    {
      name: 'herhalingtot',
      label: 'Tot en met',
      hint: 'Niet verplicht, alleen als het vaker is. De laatste datum.',
      type: 'date',
      invalid: 'Vul een datum in zoals 22-12-2027, na de eerste datum',
    },
    {
      name: 'plaats',
      label: 'Plaats',
      hint: 'Bijvoorbeeld: Buurthuis De Kroon',
      type: 'text',
      required: true,
      maxLength: 120,
      missing: 'Vul in waar de activiteit is',
      invalid: 'De plaats mag hoogstens 120 tekens zijn',
    },
    {
      name: 'adres',
      label: 'Adres',
      hint: 'Niet verplicht. Bijvoorbeeld: Kroonstraat 12',
      type: 'text',
      maxLength: 200,
      autocomplete: 'off',
      invalid: 'Het adres mag hoogstens 200 tekens zijn',
    },
    {
      name: 'samenvatting',
      label: 'Korte beschrijving',
      hint: 'Eén of twee zinnen voor de agenda.',
      type: 'textarea',
      required: true,
      maxLength: 300,
      missing: 'Vul een korte beschrijving in',
      invalid: 'De korte beschrijving mag hoogstens 300 tekens zijn',
    },
    {
      name: 'tekst',
      label: 'Meer informatie',
      hint: 'Niet verplicht. Wat gaat er gebeuren, voor wie is het?',
      type: 'textarea',
      maxLength: MAX_TEXT_LENGTH,
      invalid: `De tekst mag hoogstens ${MAX_TEXT_LENGTH} tekens zijn`,
    },
    {
      name: 'organisator',
      label: 'Wie organiseert het?',
      hint: 'Niet verplicht. Een groep, organisatie of buurtbewoner.',
      type: 'text',
      maxLength: 120,
      autocomplete: 'organization',
      invalid: 'De organisator mag hoogstens 120 tekens zijn',
    },
    {
      name: 'aanmelden',
      label: 'Aanmelden via',
      hint: 'Niet verplicht. Een webadres (https://…) of e-mailadres, komt op de site.',
      type: 'text',
      maxLength: 200,
      autocomplete: 'off',
      invalid: 'Vul een webadres in dat begint met https://, of een e-mailadres',
    },
    {
      name: 'kosten',
      label: 'Kosten',
      hint: 'Niet verplicht. Bijvoorbeeld: Gratis, of € 2,50',
      type: 'text',
      maxLength: 80,
      invalid: 'De kosten mogen hoogstens 80 tekens zijn',
    },
    ...photo,
    ...you,
  ],
  nieuwtje: [
    {
      name: 'titel',
      label: 'Titel',
      hint: 'Kort en duidelijk.',
      type: 'text',
      required: true,
      maxLength: 140,
      missing: 'Vul een titel in',
      invalid: 'De titel mag hoogstens 140 tekens zijn',
    },
    {
      name: 'tekst',
      label: 'Je nieuwtje of tip',
      type: 'textarea',
      required: true,
      maxLength: MAX_TEXT_LENGTH,
      missing: 'Schrijf je nieuwtje of tip',
      invalid: `De tekst mag hoogstens ${MAX_TEXT_LENGTH} tekens zijn`,
    },
    ...photo,
    ...you,
  ],
  prikbord: [
    {
      name: 'soort',
      label: 'Wat wil je?',
      type: 'radio',
      options: [
        { value: 'aanbod', label: 'Ik bied iets aan' },
        { value: 'vraag', label: 'Ik vraag iets' },
      ],
      invalid: 'Kies of je iets vraagt of aanbiedt',
    },
    {
      name: 'categorie',
      label: 'Categorie',
      type: 'radio',
      options: DEFAULT_PRIKBORD_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) })),
      invalid: 'Kies een categorie uit de lijst',
    },
    {
      name: 'titel',
      label: 'Titel',
      hint: 'Kort en duidelijk, bijvoorbeeld: Wie helpt me met mijn computer?',
      type: 'text',
      required: true,
      maxLength: 100,
      missing: 'Vul een titel in',
      invalid: 'De titel mag hoogstens 100 tekens zijn',
    },
    {
      name: 'tekst',
      label: 'Je oproep',
      hint: 'Wat vraag of bied je, wanneer, en voor wie? Zet er geen adres, e-mailadres of telefoonnummer in: reacties komen via de site bij je binnen.',
      type: 'textarea',
      required: true,
      maxLength: 2000,
      missing: 'Schrijf je oproep',
      invalid: 'Je oproep mag hoogstens 2000 tekens zijn',
    },
    {
      name: 'looptijd',
      label: 'Hoe lang mag je oproep blijven staan?',
      type: 'radio',
      options: [
        { value: '4w', label: 'Vier weken' },
        { value: '2w', label: 'Twee weken' },
        { value: '2m', label: 'Twee maanden' },
        { value: '3m', label: 'Drie maanden' },
      ],
      invalid: 'Kies hoe lang je oproep blijft staan',
    },
    ...photo,
    {
      name: 'voornaam',
      label: 'Je voornaam of bijnaam',
      hint: 'Komt op de site bij je oproep. Alleen een voornaam of bijnaam, geen achternaam of adres.',
      type: 'text',
      required: true,
      maxLength: 40,
      autocomplete: 'given-name',
      missing: 'Vul je voornaam of bijnaam in',
      invalid: 'Alleen een voornaam of bijnaam van hoogstens 40 tekens, zonder cijfers of @',
    },
    { ...you[1]!, hint: 'Hier krijg je reacties op je oproep, en een link om haar weg te halen. Het komt niet op de site.' },
  ],
  helpen: [
    {
      name: 'hulp',
      label: 'Waarmee wil je helpen?',
      hint: 'Bijvoorbeeld: boodschappen doen, klussen, een keer koken, buurtverbinder worden.',
      type: 'textarea',
      required: true,
      maxLength: 2000,
      missing: 'Schrijf waarmee je wilt helpen',
      invalid: 'Je tekst mag hoogstens 2000 tekens zijn',
    },
    { name: 'buurtverbinder', label: 'Ik wil graag buurtverbinder worden', type: 'checkbox' },
    ...you,
    {
      name: 'telefoon',
      label: 'Je telefoonnummer',
      hint: 'Niet verplicht. Als je liever gebeld wordt.',
      type: 'tel',
      maxLength: 20,
      autocomplete: 'tel',
      section: 'you',
      invalid: 'Vul een telefoonnummer in zoals 06 12345678',
    },
  ],
};

/** Hidden fields every form sends. */
export const HIDDEN_FIELDS = { form: 'formulier', honeypot: 'website', token: 'controle' } as const;

export interface FieldError {
  field: string;
  message: string;
}

/** The values a resident typed, by field name (files excluded). */
export type FormValues = Record<string, string>;

export interface FormState {
  values?: FormValues;
  errors?: FieldError[];
  /** A signed token the server adds when it sends the form back (see tokens.ts). */
  token?: string;
  /** A notice above the form (e.g. "check and send again"). */
  notice?: string;
}

const fieldId = (name: string) => `veld-${name}`;

/**
 * The fields of `form` as this buurt shows them: the prikbord's categories are the buurt's own (site.yaml
 * `prikbord.categories`).
 */
export function formFields(form: ParticipationForm, categories?: readonly string[]): readonly FieldDef[] {
  if (form !== 'prikbord' || !categories) return FORM_FIELDS[form];
  return FORM_FIELDS[form].map((field) =>
    field.name === 'categorie' ? { ...field, options: categories.map((value) => ({ value, label: categoryLabel(value) })) } : field,
  );
}

/** The HTML of one form: the error summary, the fields and the button; safe to insert into a page. */
export function renderForm(form: ParticipationForm, state: FormState = {}, categories?: readonly string[]): string {
  const values = state.values ?? {};
  const errors = state.errors ?? [];
  const errorOf = (name: string) => errors.find((e) => e.field === name)?.message;
  const parts: string[] = [];
  if (errors.length) {
    parts.push(
      `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel" id="fouten"><h2 id="fouten-titel">${escapeHtml(meedoenTexts.errorSummary)}</h2><ul>` +
        errors.map((e) => `<li><a href="#${fieldId(e.field)}">${escapeHtml(e.message)}</a></li>`).join('') +
        '</ul></div>',
    );
  }
  if (state.notice) parts.push(`<p class="notice" role="status">${escapeHtml(state.notice)}</p>`);
  const fields = formFields(form, categories);
  const enctype = fields.some((f) => f.type === 'file') ? ' enctype="multipart/form-data"' : '';
  parts.push(`<form class="meedoen-form" method="post" action="/meedoen/verzenden"${enctype} novalidate>`);
  parts.push(`<input type="hidden" name="${HIDDEN_FIELDS.form}" value="${form}">`);
  if (state.token) parts.push(`<input type="hidden" name="${HIDDEN_FIELDS.token}" value="${escapeHtml(state.token)}">`);
  let inYou = false;
  for (const field of fields) {
    if (field.section === 'you' && !inYou) {
      inYou = true;
      parts.push(
        `<fieldset class="about-you"><legend>${escapeHtml(meedoenTexts.aboutYou)}</legend><p class="hint">${escapeHtml(form === 'helpen' ? meedoenTexts.privacyHelp : form === 'prikbord' ? meedoenTexts.privacyPrikbord : meedoenTexts.aboutYouHint)}</p>`,
      );
    }
    parts.push(renderField(field, values[field.name] ?? '', errorOf(field.name)));
  }
  if (inYou) parts.push('</fieldset>');
  // The honeypot: hidden from people (and from screen readers), filled in by bots that fill in everything.
  parts.push(
    `<div class="honeypot" aria-hidden="true"><label for="veld-website">${escapeHtml(meedoenTexts.honeypot)}</label><input id="veld-website" type="text" name="${HIDDEN_FIELDS.honeypot}" tabindex="-1" autocomplete="off"></div>`,
  );
  parts.push(`<altcha-widget class="altcha" challenge="/meedoen/uitdaging" name="altcha" auto="onload" language="nl"></altcha-widget>`);
  parts.push(`<button type="submit">${escapeHtml(meedoenTexts.forms[form].button)}</button></form>`);
  return parts.join('\n');
}

/** One field of a form, with its label, hint and error (shared by the newsletter form). */
export function renderField(field: FieldDef, value: string, error: string | undefined): string {
  const id = fieldId(field.name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-fout`;
  const describedBy = [field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const aria = `${describedBy ? ` aria-describedby="${describedBy}"` : ''}${error ? ' aria-invalid="true"' : ''}`;
  const label = `${escapeHtml(field.label)}${field.required ? '' : field.type === 'checkbox' ? '' : ` <span class="optional">${escapeHtml(meedoenTexts.optional)}</span>`}`;
  const hint = field.hint ? `<p class="hint" id="${hintId}">${escapeHtml(field.hint)}</p>` : '';
  const errorLine = error
    ? `<p class="field-error" id="${errorId}"><span class="sr-only">${escapeHtml(meedoenTexts.errorPrefix)}</span> ${escapeHtml(error)}</p>`
    : '';
  const cls = `field${error ? ' field-has-error' : ''}`;
  const common = `${field.required ? ' required' : ''}${field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ''}${aria}`;
  const max = field.maxLength ? ` maxlength="${field.maxLength}"` : '';
  switch (field.type) {
    case 'textarea':
      return `<div class="${cls}"><label for="${id}">${label}</label>${hint}${errorLine}<textarea id="${id}" name="${field.name}" rows="${(field.maxLength ?? 0) > 300 ? 8 : 3}"${max}${common}>${escapeHtml(value)}</textarea></div>`;
    case 'radio': {
      const chosen = value || field.options![0]!.value;
      const options = field.options!.map(
        (o, i) =>
          `<div class="choice"><input type="radio" id="${i === 0 ? id : `${id}-${o.value}`}" name="${field.name}" value="${o.value}"${o.value === chosen ? ' checked' : ''}><label for="${i === 0 ? id : `${id}-${o.value}`}">${escapeHtml(o.label)}</label></div>`,
      );
      return `<fieldset class="${cls}"${aria}><legend>${escapeHtml(field.label)}</legend>${hint}${errorLine}${options.join('')}</fieldset>`;
    }
    case 'checkbox':
      return `<div class="${cls} choice"><input type="checkbox" id="${id}" name="${field.name}" value="ja"${value ? ' checked' : ''}${aria}><label for="${id}">${label}</label>${hint}</div>`;
    case 'file':
      return `<div class="${cls}"><label for="${id}">${label}</label>${hint}${errorLine}<input type="file" id="${id}" name="${field.name}" accept="image/jpeg,image/png,image/webp"${aria}></div>`;
    default: {
      const type = field.type === 'date' ? 'date' : field.type === 'time' ? 'time' : field.type;
      return `<div class="${cls}"><label for="${id}">${label}</label>${hint}${errorLine}<input type="${type}" id="${id}" name="${field.name}" value="${escapeHtml(value)}"${max}${common}></div>`;
    }
  }
}

/** "14-03-2027", "14/3/2027" or "2027-03-14" → "2027-03-14"; undefined when it is not a date. */
export function parseDutchDate(input: string): string | undefined {
  const value = input.trim();
  let iso: string | undefined;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const nlMatch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]!.padStart(2, '0')}-${isoMatch[3]!.padStart(2, '0')}`;
  else if (nlMatch) iso = `${nlMatch[3]}-${nlMatch[2]!.padStart(2, '0')}-${nlMatch[1]!.padStart(2, '0')}`;
  return iso && isValidDate(iso) ? iso : undefined;
}

/** "19:30", "19.30", "9:05" or "19u" → "19:30"; undefined when it is not a time. */
export function parseDutchTime(input: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2})|u)?$/.exec(input.trim().toLowerCase());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The first `max` characters of `text`, cut at a word, with "…" when cut. */
function firstWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

const HTML_LIKE = /<\s*[a-z!/?]/i;

/** What a valid submission turns into. */
export interface SubmissionContent {
  collection: 'agenda' | 'nieuws' | 'prikbord';
  title: string;
  /** Front matter, valid for the collection's schema (without `image`, which the photo adds). */
  data: Record<string, unknown>;
  body: string;
  photoAlt?: string;
}

export interface ValidationResult {
  errors: FieldError[];
  /** For activiteit and nieuwtje, when there are no errors. */
  content?: SubmissionContent;
  sender: { name: string; email: string; phone?: string };
}

/**
 * Checks what a resident sent. `values` holds the text fields; `hasPhoto` says whether a photo was chosen (the
 * photo itself is checked by photo.ts). `now` dates a news tip.
 */
export function validateSubmission(
  form: ParticipationForm,
  values: FormValues,
  options: { hasPhoto: boolean; now: Date; categories?: readonly string[] | undefined },
): ValidationResult {
  const errors: FieldError[] = [];
  const fields = formFields(form, options.categories);
  const add = (field: string, message: string) => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, message });
  };
  const def = (name: string) => fields.find((f) => f.name === name)!;
  const value = (name: string) => (values[name] ?? '').trim();
  for (const field of fields) {
    const v = value(field.name);
    if (field.type === 'file' || field.type === 'checkbox') continue;
    if (field.required && !v) add(field.name, field.missing ?? `Vul ${field.label.toLowerCase()} in`);
    else if (field.maxLength && v.length > field.maxLength) add(field.name, field.invalid ?? `Hoogstens ${field.maxLength} tekens`);
    else if (field.options && v && !field.options.some((o) => o.value === v)) add(field.name, field.invalid!);
    else if (field.type !== 'textarea' && HTML_LIKE.test(v)) add(field.name, `Gebruik geen HTML-code (zoals < en >) in “${field.label}”`);
    // Control characters (other than tab and newlines) have no place in a form field.
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) add(field.name, `“${field.label}” bevat tekens die niet kunnen`);
  }
  if (value('email') && !EMAIL_PATTERN.test(value('email'))) add('email', def('email').invalid!);
  if (form === 'helpen' && value('telefoon') && !PHONE_PATTERN.test(value('telefoon'))) add('telefoon', def('telefoon').invalid!);
  if (options.hasPhoto && fields.some((f) => f.name === 'fotobeschrijving') && !value('fotobeschrijving'))
    add('fotobeschrijving', def('fotobeschrijving').missing!);
  const sender = { name: value('naam') || value('voornaam'), email: value('email'), ...(value('telefoon') ? { phone: value('telefoon') } : {}) };
  if (form === 'helpen') return { errors, sender };
  if (form === 'prikbord') {
    // Contact always goes through the reply form: no address or number in what becomes public.
    for (const name of ['titel', 'tekst']) {
      const v = value(name);
      if (v && (findEmailAddresses(v).length || findPhoneNumbers(v).length))
        add(name, `Zet geen e-mailadres of telefoonnummer in je oproep: buren reageren via het formulier op de site, en die reacties krijg je per e-mail.`);
    }
  }

  // The text: rendered by the site's own sanitiser; anything it would remove or not show is refused.
  const body = value('tekst').replace(/\r\n?/g, '\n');
  if (body && !errors.some((e) => e.field === 'tekst')) {
    const rendered = renderMarkdown(body);
    if (rendered.removed.length) add('tekst', 'Je tekst bevat HTML-code of een onveilige link. Schrijf gewone tekst; een link plak je gewoon als https://…');
    else if (rendered.images.length || rendered.remoteImages.length) add('tekst', 'Foto’s in de tekst kunnen niet. Kies één foto met het veld “Foto”.');
    else if (rendered.links.some((href) => /^http:/i.test(href))) add('tekst', 'Links moeten beginnen met https:// (een veilige verbinding).');
  }

  if (form === 'prikbord') {
    const today = formatIsoDate(toWallClock(options.now));
    const length = value('looptijd') || '4w';
    const validUntil =
      length === '2w'
        ? formatIsoDate(addDays(parseWallClock(today), 14))
        : length === '2m'
          ? addMonthsToDate(today, 2)
          : length === '3m'
            ? addMonthsToDate(today, 3)
            : defaultValidUntil(today);
    const data: Record<string, unknown> = {
      kind: value('soort') || 'aanbod',
      title: value('titel'),
      category: value('categorie') || fields.find((f) => f.name === 'categorie')!.options![0]!.value,
      date: today,
      validUntil,
      name: value('voornaam'),
    };
    if (errors.length) return { errors, sender };
    const parsed = prikbordSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = ({ title: 'titel', name: 'voornaam', category: 'categorie', kind: 'soort' } as Record<string, string>)[String(issue.path[0])] ?? 'tekst';
        add(field, def(field)?.invalid ?? def('tekst').invalid!);
      }
    }
    if (errors.length) return { errors, sender };
    return {
      errors,
      sender,
      content: { collection: 'prikbord', title: value('titel'), data, body, ...(options.hasPhoto ? { photoAlt: value('fotobeschrijving') } : {}) },
    };
  }

  if (form === 'nieuwtje') {
    const now = toWallClock(options.now);
    const data: Record<string, unknown> = {
      title: value('titel'),
      date: formatIsoDate(now),
      summary: firstWords(body.replace(/[#*_>`[\]]/g, ''), 300) || value('titel'),
    };
    if (errors.length) return { errors, sender };
    const parsed = newsSchema.safeParse(data);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        add(issue.path[0] === 'title' ? 'titel' : 'tekst', issue.path[0] === 'title' ? def('titel').invalid! : def('tekst').invalid!);
    if (errors.length) return { errors, sender };
    return {
      errors,
      sender,
      content: { collection: 'nieuws', title: value('titel'), data, body, ...(options.hasPhoto ? { photoAlt: value('fotobeschrijving') } : {}) },
    };
  }

  // An activity.
  const date = value('datum') ? parseDutchDate(value('datum')) : undefined;
  if (value('datum') && !date) add('datum', def('datum').invalid!);
  const start = value('begintijd') ? parseDutchTime(value('begintijd')) : undefined;
  if (value('begintijd') && !start) add('begintijd', def('begintijd').invalid!);
  const end = value('eindtijd') ? parseDutchTime(value('eindtijd')) : undefined;
  if (value('eindtijd') && !end) add('eindtijd', def('eindtijd').invalid!);
  const until = value('herhalingtot') ? parseDutchDate(value('herhalingtot')) : undefined;
  if (value('herhalingtot') && !until) add('herhalingtot', def('herhalingtot').invalid!);
  if (date && date < formatIsoDate(toWallClock(options.now))) add('datum', 'Deze datum is al geweest; vul de datum van de (eerste) keer in');
  const frequency = value('herhaling') || 'eenmalig';
  const registration = value('aanmelden');
  const data: Record<string, unknown> = {
    title: value('titel'),
    start: date && start ? `${date}T${start}` : '',
    ...(date && end ? { end: `${date}T${end}` } : {}),
    location: { name: value('plaats'), ...(value('adres') ? { address: value('adres') } : {}) },
    summary: value('samenvatting'),
    ...(value('organisator') ? { organiser: value('organisator') } : {}),
    ...(registration ? { registration: EMAIL_PATTERN.test(registration) ? `mailto:${registration}` : registration } : {}),
    ...(value('kosten') ? { cost: value('kosten') } : {}),
    ...(frequency !== 'eenmalig' ? { recurrence: { frequency, ...(until ? { until } : {}) } } : {}),
  };
  if (errors.length) return { errors, sender };
  const parsed = activitySchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const field =
        {
          title: 'titel',
          start: 'begintijd',
          end: 'eindtijd',
          'location.name': 'plaats',
          'location.address': 'adres',
          summary: 'samenvatting',
          organiser: 'organisator',
          registration: 'aanmelden',
          cost: 'kosten',
          'recurrence.until': 'herhalingtot',
        }[key] ?? 'titel';
      add(field, def(field).invalid ?? def(field).missing!);
    }
  }
  if (errors.length) return { errors, sender };
  return {
    errors,
    sender,
    content: { collection: 'agenda', title: value('titel'), data, body, ...(options.hasPhoto ? { photoAlt: value('fotobeschrijving') } : {}) },
  };
}

/** The wall-clock moment of `now` in Amsterdam, "2026-12-02T11:15" (for `submission.received`). */
export function amsterdamMinute(now: Date): string {
  const wall = toWallClock(now);
  return `${formatIsoDate(wall)}T${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}
