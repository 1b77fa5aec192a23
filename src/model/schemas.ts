/**
 * The content model of a buurt: one zod schema per file type, the single source of truth used by Astro's
 * content collections, `buurt check`, the Decap CMS config generator and the tests.
 *
 * Objects are strict (an unknown key is an error, usually a typo). Dates and times are wall-clock strings in
 * Europe/Amsterdam time ("2026-03-14T10:00"); see `dates.ts`. Image paths are relative to the file that names
 * them ("../../media/buurtfeest.jpg" from a content file), the same paths Decap CMS writes.
 */
import { z } from 'astro/zod';
import { isValidDate, isValidDateTime, parseAmsterdam } from '../dates/dates.ts';

/** A URL-safe name: lower case letters, digits and single dashes ("buurtborrel-maart"). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A colour as six hex digits: "#1d5c8c". */
export const HEX_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
/** A Dutch phone number as people write it: "020 123 45 67", "06-12345678", "+31 6 1234 5678". */
export const PHONE_PATTERN = /^(?:\+31|0031|0)[1-9](?:[ -]?\d){8}$/;
/**
 * A plain e-mail address, "contact@voorbeeldwijk.nl": letters, digits and `. _ + -` before the @, host name labels
 * after it. Nothing a `mailto:` link would read as more than the address: no "?" with headers
 * (`?bcc=…&subject=…`), "&", "=", "#", "%", "/", spaces or a second "@". Written without the unicode flag, so Decap
 * can use the same pattern in the editor's form.
 */
export const EMAIL_PATTERN = /^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** Why `value` is not a plain e-mail address, in a sentence for the editor. */
export function emailError(value: unknown): string {
  const text = String(value);
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  const extra = /[?&#]/.exec(text);
  if (extra && text.indexOf('@') >= 0 && text.indexOf('@') < extra.index) {
    const plain = text.slice(0, extra.index).replace(/^mailto:/i, '');
    return `"${shown}" is not a plain e-mail address: everything from "${extra[0]}" on would add recipients, a subject or a text to the mail link; write only the address${EMAIL_PATTERN.test(plain) ? `, like ${plain}` : ''}`;
  }
  if (/^mailto:/i.test(text)) return `"${shown}" is not a plain e-mail address; write the address without "mailto:"`;
  return `"${shown}" is not an e-mail address`;
}

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} is empty; write a short text` })
    .max(max, { error: `${what} is longer than ${max} characters; shorten it` });

/** A calendar date: "2026-03-14". */
export const dateSchema = z
  .string({ error: 'is not a date; write it as 2026-03-14' })
  .refine(isValidDate, { error: (issue) => `"${String(issue.input)}" is not a date; write it as 2026-03-14` });

/** A date and time in Amsterdam: "2026-03-14T20:00". */
export const dateTimeSchema = z.string({ error: 'is not a date and time; write it as 2026-03-14T20:00' }).refine(isValidDateTime, {
  error: (issue) => `"${String(issue.input)}" is not a date and time; write it as 2026-03-14T20:00`,
});

/** A date, or a date and time: "2026-03-14" or "2026-03-14T20:00". */
export const dateOrDateTimeSchema = z
  .string({ error: 'is not a date; write it as 2026-03-14 or 2026-03-14T20:00' })
  .refine((v) => isValidDate(v) || isValidDateTime(v), {
    error: (issue) => `"${String(issue.input)}" is not a date; write it as 2026-03-14 or 2026-03-14T20:00`,
  });

/** When an activity starts or ends: usually a date and time, a date alone for a whole day. */
export const activityTimeSchema = z
  .string({ error: 'is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day)' })
  .refine((v) => isValidDate(v) || isValidDateTime(v), {
    error: (issue) => `"${String(issue.input)}" is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day)`,
  });

/** A web address that must be https (http leaks what residents read; other schemes are not links). */
export const httpsUrlSchema = z
  .string({ error: 'must be a web address' })
  .trim()
  .refine((v) => /^https:\/\/[^\s/$.?#][^\s]*$/i.test(v), {
    error: (issue) => `"${String(issue.input)}" is not a secure web address; it must start with https://`,
  });

/** A link for registration: a https web address or a mailto: address. */
export const registrationLinkSchema = z
  .string({ error: 'must be a web address or e-mail address' })
  .trim()
  .refine((v) => /^https:\/\/\S+$/i.test(v) || EMAIL_PATTERN.test(v.replace(/^mailto:/i, '')), {
    error: (issue) =>
      /^(mailto:)?[^/]*@/i.test(String(issue.input))
        ? emailError(String(issue.input).replace(/^mailto:/i, ''))
        : `"${String(issue.input)}" is not a https:// web address or an e-mail address`,
  });

export const emailSchema = z
  .string({ error: 'must be an e-mail address' })
  .trim()
  .regex(EMAIL_PATTERN, { error: (issue) => emailError(issue.input) });

export const phoneSchema = z
  .string({ error: 'must be a phone number' })
  .trim()
  .regex(PHONE_PATTERN, {
    error: (issue) => `"${String(issue.input)}" is not a Dutch phone number; write it as 020 123 45 67 or 06 12345678`,
  });

export const slugSchema = z.string({ error: 'must be a name of lower case letters, digits and dashes' }).regex(SLUG_PATTERN, {
  error: (issue) => `"${String(issue.input)}" is not a valid name; use lower case letters, digits and dashes (like "buurt-moestuin")`,
});

/** A topic or tag: lower case words ("eenzaamheid", "geldzaken", "klussen"). */
export const topicSchema = z
  .string({ error: 'must be a word' })
  .trim()
  .min(2, { error: 'is too short for a topic' })
  .max(40, { error: 'is longer than 40 characters' })
  .regex(/^[\p{Ll}\p{N}][\p{Ll}\p{N} '-]*$/u, {
    error: (issue) => `"${String(issue.input)}" is not a topic; use lower case words, like "eenzaamheid"`,
  });

/** An image with its text alternative; the alt text is required because screen readers read it aloud. */
export const imageSchema = z.strictObject({
  /** Path relative to the file that names it, inside the buurt's media folder: "../../media/buurtfeest.jpg". */
  src: z.string({ error: 'must be the path of an image' }).trim().min(1, { error: 'is empty; choose an image' }),
  /** What the image shows, for people who cannot see it: "Kinderen planten bloembollen in de moestuin". */
  alt: text('the alt text (what the image shows)', 250),
});

/** How to reach a group or person. Everything here is published on the site. */
export const contactSchema = z.strictObject({
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  website: httpsUrlSchema.optional(),
});

/**
 * Set on an entry a resident sent in through the site's /meedoen/ forms (src/participation/): when it came
 * in and whether the browser solved the proof of work. Editors see it in /admin/; the site never shows it. The
 * resident's name and e-mail address are never here: they are only in the editors' notification mail.
 */
export const submissionSchema = z.strictObject({
  /** When it came in, Amsterdam time: "2026-12-02T11:15". */
  received: dateTimeSchema.optional(),
  /** True when the proof of work (ALTCHA) was solved; false for a form sent without JavaScript. */
  verified: z.boolean({ error: 'must be true or false' }).default(false),
});

/** A news item: `content/nieuws/<slug>.md`. */
export const newsSchema = z.strictObject({
  title: text('the title', 140),
  /** Publication date: "2026-03-14" or "2026-03-14T09:00". A date in the future is not shown before it. */
  date: dateOrDateTimeSchema,
  /** One or two sentences shown in lists and search results. */
  summary: text('the summary', 300),
  image: imageSchema.optional(),
  tags: z.array(topicSchema, { error: 'must be a list of words' }).default([]),
  /** Concepts are never built. */
  draft: z.boolean({ error: 'must be true or false' }).default(false),
  /** Optional later moment to publish: the item stays hidden until then ("2026-04-01T08:00"). */
  publishAt: dateOrDateTimeSchema.optional(),
  submission: submissionSchema.optional(),
});

/** How often a recurring activity repeats. */
export const frequencies = ['weekly', 'biweekly', 'monthly'] as const;
/** For monthly activities: which occurrence of the weekday in the month (-1 = the last one). */
export const weeksOfMonth = [1, 2, 3, 4, -1] as const;

/**
 * Repetition of an activity, starting at its `start`. "Every Tuesday" is `weekly` from a Tuesday start;
 * "every first Saturday of the month" is `monthly` from a start on a first Saturday (or `weekOfMonth: 1`).
 */
export const recurrenceSchema = z.strictObject({
  frequency: z.enum(frequencies, {
    error: (issue) => `"${String(issue.input)}" is not a repetition; choose one of ${frequencies.join(', ')}`,
  }),
  /** Monthly only: 1–4 for the first to fourth, -1 for the last such weekday. Defaults to the week of `start`. */
  weekOfMonth: z
    .literal(weeksOfMonth, {
      error: (issue) => `"${String(issue.input)}" is not a week of the month; choose 1, 2, 3, 4 or -1 (the last)`,
    })
    .optional(),
  /** Last day it may take place: "2026-12-22". Without it, the activity repeats indefinitely. */
  until: dateSchema.optional(),
  /** Days it does not take place (holidays): ["2026-12-29"]. */
  except: z.array(dateSchema, { error: 'must be a list of dates' }).default([]),
});

/** Where an activity takes place. */
export const locationSchema = z.strictObject({
  /** "Buurthuis De Kroon" */
  name: text('the name of the place', 120),
  /** "Kroonstraat 12, 1234 AB Voorbeeld" */
  address: text('the address', 200).optional(),
});

/** An activity in the agenda: `content/agenda/<slug>.md`. */
export const activitySchema = z
  .strictObject({
    title: text('the title', 140),
    /** Start in Amsterdam time: "2026-03-14T20:00"; a date alone ("2026-03-14") when `allDay`. */
    start: activityTimeSchema,
    /** End in Amsterdam time, on the same day or later. */
    end: activityTimeSchema.optional(),
    /** True for an activity without times (a market day, a clean-up week). */
    allDay: z.boolean({ error: 'must be true or false' }).default(false),
    location: locationSchema,
    summary: text('the summary', 300),
    image: imageSchema.optional(),
    /** The organising group: the name of a file in `content/groepen/` without ".md". */
    group: slugSchema.optional(),
    /** Who organises it when that is not a group of the buurt: "Bibliotheek Oost", "Wijkteam". */
    organiser: text('the organiser', 120).optional(),
    /** Where to sign up: a https:// address or an e-mail address. */
    registration: registrationLinkSchema.optional(),
    /** "Gratis", "€ 2,50", "€ 5 inclusief soep". */
    cost: text('the cost', 80).optional(),
    tags: z.array(topicSchema, { error: 'must be a list of words' }).default([]),
    recurrence: recurrenceSchema.optional(),
    /** The activity does not take place; it stays listed, marked as cancelled. */
    cancelled: z.boolean({ error: 'must be true or false' }).default(false),
    draft: z.boolean({ error: 'must be true or false' }).default(false),
    submission: submissionSchema.optional(),
  })
  .superRefine((activity, ctx) => {
    if (!activity.allDay && !isValidDateTime(activity.start) && isValidDate(activity.start)) {
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        input: activity.start,
        message: `"${activity.start}" has no time; write it as ${activity.start}T20:00, or set allDay: true`,
      });
    }
    if (activity.end && activity.end.length > 0 && !activity.allDay && isValidDate(activity.end)) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        input: activity.end,
        message: `"${activity.end}" has no time; write it as ${activity.end}T22:00, or set allDay: true`,
      });
    }
    const valid = (v: string) => isValidDate(v) || isValidDateTime(v);
    if (activity.end && valid(activity.end) && valid(activity.start)) {
      if (parseAmsterdam(activity.end) < parseAmsterdam(activity.start)) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          input: activity.end,
          message: `"${activity.end}" is before the start "${activity.start}"; the end must be after the start`,
        });
      }
    }
    if (activity.recurrence?.until && valid(activity.start) && activity.recurrence.until < activity.start.slice(0, 10)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recurrence', 'until'],
        input: activity.recurrence.until,
        message: `"${activity.recurrence.until}" is before the start "${activity.start}"; the last date must be after the first`,
      });
    }
    if (activity.recurrence?.weekOfMonth !== undefined && activity.recurrence.frequency !== 'monthly') {
      ctx.addIssue({
        code: 'custom',
        path: ['recurrence', 'weekOfMonth'],
        input: activity.recurrence.weekOfMonth,
        message: `a week of the month only applies to monthly activities; remove it or set frequency: monthly`,
      });
    }
  });

/** A group in the buurt: `content/groepen/<slug>.md`. */
export const groupSchema = z.strictObject({
  name: text('the name', 120),
  summary: text('the summary', 300),
  /** What the group is about: ["tuinieren", "ontmoeting"]. */
  topics: z.array(topicSchema, { error: 'must be a list of words' }).default([]),
  /** When they meet: "Elke dinsdag van 10:00 tot 12:00". */
  meets: text('when they meet', 200).optional(),
  /** Where they meet: "Buurthuis De Kroon, Kroonstraat 12". */
  place: text('where they meet', 200).optional(),
  contact: contactSchema.optional(),
  image: imageSchema.optional(),
  draft: z.boolean({ error: 'must be true or false' }).default(false),
});

/** The roles of people residents can turn to. */
export const roles = ['buurtverbinder', 'wijkprofessional', 'vrijwilliger'] as const;

/** A person residents can ask for help: `content/mensen/<slug>.md`. */
export const personSchema = z.strictObject({
  name: text('the name', 120),
  role: z.enum(roles, {
    error: (issue) => `"${String(issue.input)}" is not a role; choose one of ${roles.join(', ')}`,
  }),
  /** "Wijkteam Oost", "Buurtzorg", "Bibliotheek". */
  organisation: text('the organisation', 120).optional(),
  /** Waarvoor kun je bij mij terecht: ["eenzaamheid", "geldzaken", "klussen"]. */
  topics: z.array(topicSchema, { error: 'must be a list of words' }).min(1, { error: 'is empty; name at least one topic people can come to you for' }),
  photo: imageSchema.optional(),
  contact: contactSchema.optional(),
  /** When reachable: "Maandag tot en met donderdag, 9:00–12:00". */
  reachable: text('when you are reachable', 200).optional(),
  draft: z.boolean({ error: 'must be true or false' }).default(false),
});

/** The two kinds of prikbord post: a resident asks for help, or offers it. */
export const prikbordKinds = ['vraag', 'aanbod'] as const;
/** The prikbord's categories when site.yaml names none. */
export const DEFAULT_PRIKBORD_CATEGORIES = ['klussen', 'spullen', 'vervoer', 'gezelschap', 'oppassen', 'tuin', 'computerhulp', 'overig'] as const;
/** Days a prikbord post stays up when it names no `validUntil`. */
export const PRIKBORD_DEFAULT_DAYS = 28;
/** The longest a prikbord post may stay up: this many calendar months after its `date`. */
export const PRIKBORD_MAX_MONTHS = 3;

/** The last day `months` calendar months after `date` ("2026-11-30" + 3 → "2027-02-28"): the latest `validUntil`. */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * A post on the prikbord (vraag & aanbod): `content/prikbord/<slug>.md`, the text in the body. The poster's first
 * name or nickname is the only public trace of who they are; their e-mail address is never here (it lives only
 * in Netlify Blobs, see src/prikbord/store.ts). Replies go through the reply form on the post's page.
 */
export const prikbordSchema = z
  .strictObject({
    /** "vraag" (someone asks for help) or "aanbod" (someone offers it). */
    kind: z.enum(prikbordKinds, {
      error: (issue) => `"${String(issue.input)}" is not a kind of post; choose one of ${prikbordKinds.join(', ')}`,
    }),
    title: text('the title', 100),
    /** One of the buurt's categories (site.yaml `prikbord.categories`, by default klussen, spullen, …): "klussen". */
    category: topicSchema,
    /** When it was posted: "2026-12-02". */
    date: dateSchema,
    /** The last day it is shown, Amsterdam time: "2026-12-30". Without it: four weeks after `date`; at most three months. */
    validUntil: dateSchema.optional(),
    /** The poster's first name or nickname, nothing more: "Joke", "Buurman Piet". */
    name: text('the first name or nickname', 40).refine((v) => !/[@\d]/.test(v), {
      error: 'is a first name or nickname only: no e-mail address, no phone number or house number',
    }),
    image: imageSchema.optional(),
    draft: z.boolean({ error: 'must be true or false' }).default(false),
    submission: submissionSchema.optional(),
  })
  .superRefine((post, ctx) => {
    if (!post.validUntil || !isValidDate(post.validUntil) || !isValidDate(post.date)) return;
    if (post.validUntil < post.date) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        input: post.validUntil,
        message: `"${post.validUntil}" is before the date "${post.date}"; the last day must be after it`,
      });
    }
    const max = addMonthsToDate(post.date, PRIKBORD_MAX_MONTHS);
    if (post.validUntil > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        input: post.validUntil,
        message: `"${post.validUntil}" is more than ${PRIKBORD_MAX_MONTHS} months after the date "${post.date}"; a post stays up at most until ${max}`,
      });
    }
  });

/** The prikbord of a buurt (site.yaml `prikbord`). */
export const prikbordSettingsSchema = z.strictObject({
  /** The categories residents choose from, in the order shown: ["klussen", "spullen", "vervoer"]. */
  categories: z
    .array(topicSchema, { error: 'must be a list of words' })
    .min(1, { error: 'is empty; name at least one category, like overig' })
    .default([...DEFAULT_PRIKBORD_CATEGORIES]),
});

/** A free page: `content/paginas/<slug>.md` (over-de-buurt, contact, privacy, toegankelijkheid; `welkom` is the home page's intro). */
export const pageSchema = z.strictObject({
  title: text('the title', 140),
  summary: text('the summary', 300),
  /** Shorter name for the menu, when the title is long: "Over ons". The menu's order is set in site.yaml. */
  menuTitle: text('the menu title', 40).optional(),
  draft: z.boolean({ error: 'must be true or false' }).default(false),
});

/** Sections of the site that can be put in the menu, besides free pages. */
export const menuSections = ['nieuws', 'agenda', 'groepen', 'wie-helpt', 'prikbord', 'meedoen'] as const;

/** Links to the buurt's own channels, shown in the footer. */
export const socialSchema = z.strictObject({
  facebook: httpsUrlSchema.optional(),
  instagram: httpsUrlSchema.optional(),
  whatsapp: httpsUrlSchema.optional(),
  mastodon: httpsUrlSchema.optional(),
  linkedin: httpsUrlSchema.optional(),
  youtube: httpsUrlSchema.optional(),
  nextdoor: httpsUrlSchema.optional(),
});

/** Someone who may edit this buurt, identified by their git identity. */
export const editorSchema = z.strictObject({
  name: text('the name', 120),
  /** Git author e-mail: a no-reply or platform address, never a personal one ("1234+anna@users.noreply.github.com"). */
  email: emailSchema,
  /** Account name on the git host, for review requests: "anna-devries". */
  username: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: (issue) => `"${String(issue.input)}" is not an account name` })
    .optional(),
});

/** The git hosts Decap CMS can edit a buurt on in production (see README, "Editing with Decap CMS"). */
export const cmsBackends = ['github', 'gitlab', 'forgejo', 'gitea'] as const;

/**
 * Where editors log in and their saves go, for the buurt's /admin/ in production. No secret lives here: GitHub
 * logs in through an OAuth provider the maintainer runs (`base_url`); GitLab, Forgejo and Gitea log in with
 * PKCE and a public OAuth application id (`app_id`).
 */
export const cmsSchema = z
  .strictObject({
    /** "github", "gitlab", "forgejo" (Codeberg and other Forgejo hosts) or "gitea". */
    backend: z.enum(cmsBackends, {
      error: (issue) => `"${String(issue.input)}" is not a CMS backend; choose one of ${cmsBackends.join(', ')}`,
    }),
    /** The repository on the git host: "buurtsites/buurtsites". */
    repo: z.string({ error: 'must be the repository as owner/name' }).regex(/^[\w.-]+(?:\/[\w.-]+)+$/, {
      error: (issue) => `"${String(issue.input)}" is not a repository; write it as owner/name`,
    }),
    /** The branch the sites are built from. */
    branch: z
      .string({ error: 'must be a branch name' })
      .regex(/^[\w./-]+$/, { error: (issue) => `"${String(issue.input)}" is not a branch name` })
      .default('main'),
    /** GitHub: the OAuth provider's address; GitLab/Gitea: the forge's address ("https://gitlab.com"). */
    base_url: httpsUrlSchema.optional(),
    /** GitHub: the provider's login path when it is not "auth". */
    auth_endpoint: z
      .string()
      .regex(/^[\w./-]+$/, { error: (issue) => `"${String(issue.input)}" is not a path` })
      .optional(),
    /** The forge's API: "https://gitlab.com/api/v4", "https://codeberg.org/api/v1". */
    api_root: httpsUrlSchema.optional(),
    /** GitLab/Forgejo/Gitea: the public id of the OAuth application (PKCE, no secret). */
    app_id: z
      .string()
      .regex(/^[\w-]+$/, { error: (issue) => `"${String(issue.input)}" is not an application id` })
      .optional(),
  })
  .superRefine((cms, ctx) => {
    const need = (field: 'base_url' | 'api_root' | 'app_id', why: string) => {
      if (!cms[field]) ctx.addIssue({ code: 'custom', path: [field], input: undefined, message: `is missing; ${why}` });
    };
    if (cms.backend === 'github') need('base_url', 'GitHub logins need an OAuth provider, e.g. https://oauth.voorbeeldwijk.nl');
    if (cms.backend !== 'github') need('app_id', `${cms.backend} logins need the id of an OAuth application (PKCE)`);
    if (cms.backend === 'forgejo' || cms.backend === 'gitea') need('api_root', 'write the API address of the forge, like https://codeberg.org/api/v1');
  });

/** The forms residents can use on /meedoen/: send in an activity, a news tip, offer help, or post on the prikbord. */
export const participationForms = ['activiteit', 'nieuwtje', 'helpen', 'prikbord'] as const;

/**
 * Residents taking part (/meedoen/): their submissions become drafts on the editors' review board and a
 * notification to the buurt's `email`. Needs a CMS backend with the editorial workflow (not gitea).
 */
export const participationSchema = z.strictObject({
  /** Whether the forms accept submissions; false keeps the settings but closes the forms. */
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
  /** Which forms are offered: activiteit, nieuwtje, helpen, prikbord. */
  forms: z
    .array(
      z.enum(participationForms, {
        error: (issue) => `"${String(issue.input)}" is not a form; choose from ${participationForms.join(', ')}`,
      }),
      { error: 'must be a list of forms' },
    )
    .min(1, { error: 'is empty; name at least one form, or set enabled: false' })
    .default([...participationForms]),
});

/** The days a newsletter can go out, Monday first (Dutch, as editors write them). */
export const newsletterDays = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;
/** How often a newsletter goes out: every week, or every other week. */
export const newsletterRhythms = ['week', 'twee-weken'] as const;

/**
 * The buurt's e-mail newsletter (/nieuwsbrief/, see docs/maintainers/nieuwsbrief.md): residents subscribe with
 * double opt-in; a scheduled function sends an issue made from the content on the chosen day.
 * Example: `newsletter: { enabled: true, day: maandag, every: week, hour: 8 }`.
 */
export const newsletterSchema = z.strictObject({
  /** Whether residents can subscribe and issues go out; false keeps the subscribers but sends nothing. */
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
  /** The day an issue goes out (Amsterdam time): maandag … zondag. */
  day: z
    .enum(newsletterDays, {
      error: (issue) => `"${String(issue.input)}" is not a day; choose one of ${newsletterDays.join(', ')}`,
    })
    .default('maandag'),
  /** "week" (every week) or "twee-weken" (every other week). */
  every: z
    .enum(newsletterRhythms, {
      error: (issue) => `"${String(issue.input)}" is not a rhythm; choose one of ${newsletterRhythms.join(', ')}`,
    })
    .default('week'),
  /** The hour (Amsterdam time, 6–20) from which the issue goes out on that day: 8 is 08:00. */
  hour: z
    .number({ error: 'must be a whole hour between 6 and 20' })
    .int({ error: 'must be a whole hour between 6 and 20' })
    .min(6, { error: 'must be 6 or later; nobody wants mail at night' })
    .max(20, { error: 'must be 20 or earlier' })
    .default(8),
});

/**
 * The editors' line in the newsletter: `content/nieuwsbrief.md`, an optional markdown file whose body opens
 * every issue until `until` (inclusive). Example front matter: `until: 2026-12-20`. Editors write it in the CMS
 * (Nieuwsbrief › Groet van de redactie) when the buurt has the newsletter on.
 */
export const newsletterNoteSchema = z.strictObject({
  /** The last day (Amsterdam) the line is used: "2026-12-20". Without it, every issue carries it. */
  until: z
    .string({ error: 'must be a date like 2026-12-20' })
    .refine((value) => isValidDate(value), { error: (issue) => `"${String(issue.input)}" is not a date; write it as 2026-12-20` })
    .optional(),
  /** A concept: not used in any issue. */
  draft: z.boolean({ error: 'must be true or false' }).default(false),
});

/** `sites/<slug>/site.yaml`: who the buurt is and how its site looks. */
export const siteSchema = z.strictObject({
  /** "Voorbeeldwijk" */
  name: text('the name', 80),
  /** A short line under the name: "Samen maken we de buurt". */
  tagline: text('the tagline', 120).optional(),
  /** One or two sentences for search engines and link previews. */
  description: text('the description', 300),
  /** The site's own address: "https://voorbeeldwijk.nl" (https, no path). */
  domain: z
    .string({ error: 'must be a web address' })
    .trim()
    .regex(/^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
      error: (issue) => `"${String(issue.input)}" is not a domain; write it as https://voorbeeldwijk.nl (https, lower case, no path or slash at the end)`,
    }),
  /** The buurt's general contact address, shown on the site. */
  email: emailSchema,
  /** The buurt's general phone number (a buurthuis, a contact person's work phone), shown in the footer. */
  phone: phoneSchema.optional(),
  colors: z.strictObject({
    /** Header, links and buttons: "#1d5c8c". */
    primary: z.string().regex(HEX_COLOUR_PATTERN, { error: (issue) => `"${String(issue.input)}" is not a colour; write it as #1d5c8c` }),
    /** Highlights: "#f2b84b". */
    accent: z.string().regex(HEX_COLOUR_PATTERN, { error: (issue) => `"${String(issue.input)}" is not a colour; write it as #f2b84b` }),
  }),
  /** The logo, relative to site.yaml: "media/logo.png". */
  logo: imageSchema.optional(),
  /** The menu in order: sections (nieuws, agenda, groepen, wie-helpt) and names of free pages (over-de-buurt). */
  menu: z.array(slugSchema, { error: 'must be a list of sections and pages' }).min(1, { error: 'is empty; list at least one section' }),
  social: socialSchema.default({}),
  editors: z.array(editorSchema, { error: 'must be a list of editors' }).default([]),
  /** Where editors of /admin/ log in and save (production). Without it /admin/ explains how to set it up. */
  cms: cmsSchema.optional(),
  /** Residents send in activities and tips on /meedoen/ (see docs/maintainers/participation.md). */
  participation: participationSchema.optional(),
  /** The e-mail newsletter residents subscribe to on /nieuwsbrief/ (see docs/maintainers/nieuwsbrief.md). */
  newsletter: newsletterSchema.optional(),
  /** The prikbord (vraag & aanbod): its categories. Without it the default categories are used. */
  prikbord: prikbordSettingsSchema.optional(),
});

export type SiteConfig = z.output<typeof siteSchema>;
export type SiteUserConfig = z.input<typeof siteSchema>;
export type NewsData = z.output<typeof newsSchema>;
export type ActivityData = z.output<typeof activitySchema>;
export type GroupData = z.output<typeof groupSchema>;
export type PersonData = z.output<typeof personSchema>;
export type PageData = z.output<typeof pageSchema>;
export type ImageData = z.output<typeof imageSchema>;
export type ContactData = z.output<typeof contactSchema>;
export type RecurrenceData = z.output<typeof recurrenceSchema>;
export type CmsSettings = z.output<typeof cmsSchema>;
export type ParticipationSettings = z.output<typeof participationSchema>;
export type SubmissionData = z.output<typeof submissionSchema>;
export type NewsletterSettings = z.output<typeof newsletterSchema>;
export type NewsletterNoteData = z.output<typeof newsletterNoteSchema>;
export type PrikbordData = z.output<typeof prikbordSchema>;

/** The schema of each content collection. */
export const collectionSchemas = {
  nieuws: newsSchema,
  agenda: activitySchema,
  groepen: groupSchema,
  mensen: personSchema,
  paginas: pageSchema,
  prikbord: prikbordSchema,
} as const;

export interface CollectionDataMap {
  nieuws: NewsData;
  agenda: ActivityData;
  groepen: GroupData;
  mensen: PersonData;
  paginas: PageData;
  prikbord: PrikbordData;
}
