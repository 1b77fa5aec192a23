/**
 * schema.org JSON-LD for search engines: Organization and WebSite (with a SearchAction) on the home page,
 * NewsArticle on news items, Event on activities. Plain data in, plain objects out; `serializeJsonLd` makes
 * the text safe to put inside `<script type="application/ld+json">` whatever the content holds.
 * Why not schema-dts: it is types only (no runtime), for four small objects that structured-data.test.ts pins.
 */
import { parseWallClock, toIsoWithOffset, weekday } from '../dates/dates.ts';
import { monthlyRule, type Occurrence } from '../dates/recurrence.ts';
import type { ActivityData, NewsData, SiteConfig } from '../model/schemas.ts';
import { absoluteUrl, type ShareImage } from './seo.ts';
import { urls } from '../model/urls.ts';

export type JsonLd = Record<string, unknown>;

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are written as \u escapes, so
 * "</script>" or "<!--" in content can never end the block; U+2028/2029 are escaped for old parsers.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The @id of the buurt as an organisation: "https://oostbuurt.nl/#organisatie". */
export function organizationId(site: Pick<SiteConfig, 'domain'>): string {
  return `${absoluteUrl(site.domain, '/')}#organisatie`;
}

/** The buurt as an Organization (the publisher of everything on its site). */
export function organization(site: SiteConfig, logo?: ShareImage): JsonLd {
  const sameAs = Object.values(site.social).filter(Boolean);
  return {
    '@type': 'Organization',
    '@id': organizationId(site),
    name: site.name,
    url: absoluteUrl(site.domain, '/'),
    description: site.description,
    email: site.email,
    ...(logo ? { logo: { '@type': 'ImageObject', url: logo.url, width: logo.width, height: logo.height } } : {}),
    ...(sameAs.length ? { sameAs } : {}),
  };
}

/** The JSON-LD of the home page: the buurt as Organization, and the WebSite with its search. */
export function homeGraph(site: SiteConfig, options: { logo?: ShareImage | undefined } = {}): JsonLd {
  const home = absoluteUrl(site.domain, '/');
  return {
    '@context': 'https://schema.org',
    '@graph': [
      organization(site, options.logo),
      {
        '@type': 'WebSite',
        '@id': `${home}#website`,
        name: site.name,
        url: home,
        description: site.description,
        inLanguage: 'nl-NL',
        publisher: { '@id': organizationId(site) },
        potentialAction: {
          '@type': 'SearchAction',
          target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(site.domain, '/zoeken/')}?q={search_term_string}` },
          'query-input': 'required name=search_term_string',
        },
      },
    ],
  };
}

/** A news item as NewsArticle. */
export function newsArticle(
  item: { id: string; data: NewsData },
  site: SiteConfig,
  options: { image: ShareImage; published: Date; logo?: ShareImage | undefined },
): JsonLd {
  const url = absoluteUrl(site.domain, urls.news(item.id));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${url}#artikel`,
    mainEntityOfPage: url,
    url,
    headline: truncate(item.data.title, 110),
    description: item.data.summary,
    image: [options.image.url],
    datePublished: toIsoWithOffset(options.published),
    dateModified: toIsoWithOffset(options.published),
    inLanguage: 'nl-NL',
    ...(item.data.tags.length ? { keywords: item.data.tags.join(', ') } : {}),
    author: { '@type': 'Organization', name: site.name, url: absoluteUrl(site.domain, '/') },
    publisher: organization(site, options.logo),
  };
}

const SCHEDULE_FREQUENCY = { weekly: 'P1W', biweekly: 'P2W', monthly: 'P1M' } as const;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** An activity as Event, for the occurrence the page shows (the next one, or the last one when it is past). */
export function event(
  activity: { id: string; data: ActivityData },
  site: SiteConfig,
  options: { occurrence: Occurrence; image: ShareImage; organizer?: { name: string; url: string } | undefined },
): JsonLd {
  const { data } = activity;
  const { occurrence } = options;
  const url = absoluteUrl(site.domain, urls.activity(activity.id));
  const date = (instant: Date) => (occurrence.allDay ? toIsoWithOffset(instant).slice(0, 10) : toIsoWithOffset(instant));
  const offer = offerOf(data.cost, url);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${url}#activiteit`,
    name: data.title,
    description: data.summary,
    url,
    startDate: date(occurrence.start),
    ...(occurrence.end ? { endDate: date(occurrence.end) } : {}),
    eventStatus: data.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: {
      '@type': 'Place',
      name: data.location.name,
      ...(data.location.address ? { address: postalAddress(data.location.address) } : {}),
    },
    image: [options.image.url],
    organizer: options.organizer
      ? { '@type': 'Organization', name: options.organizer.name, url: options.organizer.url }
      : { '@type': 'Organization', '@id': organizationId(site), name: site.name, url: absoluteUrl(site.domain, '/') },
    inLanguage: 'nl-NL',
    ...(offer ?? {}),
    ...(data.recurrence ? { eventSchedule: schedule(data) } : {}),
  };
}

/** The repetition of an activity as a schema.org Schedule. */
function schedule(data: ActivityData): JsonLd {
  const recurrence = data.recurrence!;
  const start = parseWallClock(data.start);
  const time = (wall: { hour: number; minute: number }) => `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}:00`;
  const result: JsonLd = {
    '@type': 'Schedule',
    repeatFrequency: SCHEDULE_FREQUENCY[recurrence.frequency],
    byDay: `https://schema.org/${DAY_NAMES[weekday(start)]}`,
    startDate: data.start.slice(0, 10),
    scheduleTimezone: 'Europe/Amsterdam',
  };
  if (recurrence.frequency === 'monthly') result.byMonthWeek = monthlyRule(start, recurrence).nth;
  if (!data.allDay && data.start.includes('T')) {
    result.startTime = time(start);
    if (data.end?.includes('T')) result.endTime = time(parseWallClock(data.end));
  }
  if (recurrence.until) result.endDate = recurrence.until;
  if (recurrence.except.length) result.exceptDate = [...recurrence.except];
  return result;
}

/**
 * A Dutch address as PostalAddress: "Kroonstraat 12, 1234 AB Voorbeeld" → street, postal code and town;
 * anything else becomes the street address as written.
 */
export function postalAddress(address: string): JsonLd {
  const match = /^(.+?),\s*(\d{4}\s?[A-Z]{2})\s+(.+)$/.exec(address.trim());
  if (match) {
    return {
      '@type': 'PostalAddress',
      streetAddress: match[1]!.trim(),
      postalCode: match[2]!.replace(/\s/, ' ').replace(/^(\d{4})([A-Z]{2})$/, '$1 $2'),
      addressLocality: match[3]!.trim(),
      addressCountry: 'NL',
    };
  }
  return { '@type': 'PostalAddress', streetAddress: address.trim(), addressCountry: 'NL' };
}

/**
 * The cost as a schema.org Offer when it names a price: "Gratis" → 0, "€ 2,50" or "2.50 euro" → 2.50.
 * Other texts ("een gift") give no offer: a guessed price would be worse than none.
 */
export function offerOf(cost: string | undefined, url: string): JsonLd | undefined {
  if (!cost) return undefined;
  const offer = (price: string) => ({ offers: { '@type': 'Offer', price, priceCurrency: 'EUR', url } });
  if (/^\s*(gratis|vrije toegang|kosteloos|geen kosten)\b/i.test(cost)) return { ...offer('0'), isAccessibleForFree: true };
  const match = /(?:€|eur(?:o)?)\s*(\d{1,4})(?:[.,](\d{1,2}|-))?|(\d{1,4})(?:[.,](\d{1,2}))?\s*(?:€|euro)/i.exec(cost);
  if (!match) return undefined;
  const whole = match[1] ?? match[3]!;
  const cents = match[2] ?? match[4];
  const price = cents && cents !== '-' ? `${whole}.${cents.padEnd(2, '0')}` : whole;
  return offer(price);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
