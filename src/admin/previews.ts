/**
 * Preview panes that look like the site: the same markup classes as the site's pages, styled by the site's
 * own stylesheet with the buurt's colours (/admin/preview.css), and dates in Dutch from `dates.ts`.
 */
import { formatDate, formatDay, formatWhen, isValidDate, isValidDateTime, parseAmsterdam } from '../dates/dates.ts';
import { categoryLabel, lastDay } from '../prikbord/posts.ts';
import { nl } from '../model/strings.ts';
import { adminTexts } from '../cms/texts.ts';
import type { CreateElement, PreviewProps } from './decap.d.ts';

const t = adminTexts.preview;

function text(props: PreviewProps, path: string[]): string | undefined {
  const value = props.entry.getIn(['data', ...path]);
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function isDate(value: string | undefined): value is string {
  return value !== undefined && (isValidDate(value) || isValidDateTime(value));
}

function page(h: CreateElement, siteName: string, ...content: unknown[]): unknown {
  return h(
    'div',
    { className: 'buurt-preview' },
    h(
      'header',
      { className: 'site-header' },
      h('div', { className: 'wrap header-inner' }, h('span', { className: 'site-name' }, h('span', null, h('span', { className: 'name' }, siteName)))),
    ),
    h('main', { className: 'wrap' }, ...content),
  );
}

function photo(h: CreateElement, props: PreviewProps, field: string): unknown {
  const src = text(props, [field, 'src']);
  if (!src) return null;
  const asset = props.getAsset(src);
  return h('img', { className: 'hero', src: asset ? asset.toString() : '', alt: text(props, [field, 'alt']) ?? '' });
}

/** The preview of a news item, like /nieuws/<slug>/. */
export function newsPreview(h: CreateElement, siteName: string) {
  return (props: PreviewProps) => {
    const date = text(props, ['date']);
    return page(
      h,
      siteName,
      h(
        'article',
        { className: 'item' },
        h('h1', null, text(props, ['title']) ?? ''),
        h('p', { className: 'meta' }, date ? (isDate(date) ? `${t.published} ${formatDay(parseAmsterdam(date))}` : t.invalidDate) : t.noDate),
        h('p', { className: 'lead' }, text(props, ['summary']) ?? ''),
        photo(h, props, 'image'),
        h('div', { className: 'prose' }, props.widgetFor('body')),
      ),
    );
  };
}

/** When an activity takes place, in Dutch, as the site shows it. */
export function describeWhen(start: string | undefined, end: string | undefined, allDay: boolean): string {
  if (!start) return t.noDate;
  if (!isDate(start) || (end !== undefined && !isDate(end))) return t.invalidDate;
  return formatWhen(parseAmsterdam(start), end ? parseAmsterdam(end) : undefined, allDay);
}

/** The preview of an activity, like /agenda/<slug>/. */
export function activityPreview(h: CreateElement, siteName: string) {
  return (props: PreviewProps) => {
    const when = describeWhen(text(props, ['start']), text(props, ['end']), props.entry.getIn(['data', 'allDay']) === true);
    const cost = text(props, ['cost']);
    const address = text(props, ['location', 'address']);
    return page(
      h,
      siteName,
      h(
        'article',
        { className: 'item activity-page' },
        h('h1', null, text(props, ['title']) ?? ''),
        props.entry.getIn(['data', 'cancelled']) === true ? h('p', { className: 'badge cancelled' }, t.cancelled) : null,
        h('p', { className: 'lead' }, text(props, ['summary']) ?? ''),
        h(
          'dl',
          { className: 'facts' },
          h('dt', null, t.when),
          h('dd', { 'data-testid': 'preview-when' }, when),
          h('dt', null, t.where),
          h('dd', null, text(props, ['location', 'name']) ?? '', address ? h('br') : null, address ?? null),
          cost ? h('dt', null, t.cost) : null,
          cost ? h('dd', null, cost) : null,
        ),
        photo(h, props, 'image'),
        h('div', { className: 'prose' }, props.widgetFor('body')),
      ),
    );
  };
}

/** The preview of a prikbord post, like /prikbord/<slug>/. */
export function prikbordPreview(h: CreateElement, siteName: string) {
  return (props: PreviewProps) => {
    const p = nl.prikbord;
    const date = text(props, ['date']);
    const validUntil = text(props, ['validUntil']);
    const kind = text(props, ['kind']);
    const category = text(props, ['category']);
    const day = (value: string) => formatDate(parseAmsterdam(value), 'long');
    const until = isDate(date) && isValidDate(date) ? day(lastDay({ date, ...(validUntil && isValidDate(validUntil) ? { validUntil } : {}) })) : t.noDate;
    return page(
      h,
      siteName,
      h(
        'article',
        { className: 'item prikbord-item' },
        h('p', { className: 'badge prikbord-kind' }, kind ? (p.kinds[kind] ?? kind) : ''),
        h('h1', null, text(props, ['title']) ?? ''),
        h(
          'dl',
          { className: 'facts' },
          h('dt', null, p.category),
          h('dd', null, category ? categoryLabel(category) : ''),
          h('dt', null, p.by),
          h('dd', null, text(props, ['name']) ?? ''),
          h('dt', null, p.posted),
          h('dd', null, date ? (isDate(date) ? day(date) : t.invalidDate) : t.noDate),
          h('dt', null, p.until),
          h('dd', null, until),
        ),
        photo(h, props, 'image'),
        h('div', { className: 'prose' }, props.widgetFor('body')),
      ),
    );
  };
}
