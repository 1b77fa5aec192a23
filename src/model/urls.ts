import { EMAIL_PATTERN } from './schemas.ts';

/** The addresses of every page of a buurt site, in one place. */
export const urls = {
  home: () => '/',
  news: (id: string) => `/nieuws/${id}/`,
  newsIndex: () => '/nieuws/',
  agenda: () => '/agenda/',
  archive: () => '/agenda/archief/',
  activity: (id: string) => `/agenda/${id}/`,
  poster: (id: string) => `/agenda/${id}/poster/`,
  agendaMonth: (key: string) => `/agenda/${key.replace('-', '/')}/`,
  agendaGroup: (id: string) => `/agenda/groep/${id}/`,
  agendaTopic: (topic: string) => `/agenda/onderwerp/${topicSlug(topic)}/`,
  krant: (key?: string) => (key ? `/krant/${key.replace('-', '/')}/` : '/krant/'),
  groups: () => '/groepen/',
  group: (id: string) => `/groepen/${id}/`,
  helpers: () => '/wie-helpt/',
  person: (id: string) => `/wie-helpt/${id}/`,
  topic: (topic: string) => `/wie-helpt/onderwerp/${topicSlug(topic)}/`,
  prikbord: () => '/prikbord/',
  prikbordKind: (kind: string) => `/prikbord/${kind}/`,
  prikbordCategory: (category: string) => `/prikbord/categorie/${slugify(category)}/`,
  prikbordPost: (id: string) => `/prikbord/${id}/`,
  page: (id: string) => `/${id}/`,
  section: (section: string) => `/${section}/`,
  photo: (name: string) => `/_fotos/${name}`,
};

/**
 * The `mailto:` link of a plain e-mail address. Throws for anything else, so a link can never carry extra
 * recipients, a subject or a text (`?bcc=…&subject=…`): the schemas refuse those, this holds when one slips past.
 */
export function mailtoHref(address: string): string {
  if (!EMAIL_PATTERN.test(address)) throw new Error(`"${address.slice(0, 80)}" is not a plain e-mail address, so it gets no mailto: link`);
  return `mailto:${address}`;
}

/**
 * The platform's one slugify: "geld & zaken" → "geld-zaken", "Café Één" → "cafe-een". Accents are dropped,
 * every run of other characters becomes one dash; empty when nothing is left (callers choose a fallback).
 * Heading ids (`slugifyHeading` in sanitize-html.ts) deliberately differ: see there.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A helper's topic in an address: `slugify`. */
export const topicSlug = slugify;

/**
 * Pages left out of the sitemap: the search page, the print pages (the wijkkrant, posters), the newsletter's
 * answers ("check your mailbox", the page its links answer in) and the prikbord's answer page.
 */
export function isUnlisted(pathname: string): boolean {
  return (
    pathname.startsWith('/zoeken/') ||
    pathname.startsWith('/krant/') ||
    pathname.endsWith('/poster/') ||
    pathname === '/nieuwsbrief/bedankt/' ||
    pathname === '/nieuwsbrief/status/' ||
    pathname === '/prikbord/beheren/'
  );
}
