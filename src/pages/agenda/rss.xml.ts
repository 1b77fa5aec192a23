import type { APIRoute } from 'astro';
import { getActivities, getGroups, getNow, getSite } from '../../render/data.ts';
import { nextItems } from '../../listings/agenda.ts';
import { formatWhen } from '../../dates/dates.ts';
import { rssFeed } from '../../outputs/feeds.ts';
import { absoluteUrl } from '../../outputs/seo.ts';
import { nl } from '../../model/strings.ts';
import { urls } from '../../model/urls.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const now = getNow();
  const groups = new Map((await getGroups()).map((g) => [g.id, g.data.name]));
  const items = nextItems(await getActivities(), now).map(({ activity, occurrence }) => {
    const { data } = activity;
    const when = formatWhen(occurrence.start, occurrence.end, occurrence.allDay);
    const where = [data.location.name, data.location.address].filter(Boolean).join(', ');
    const group = data.group ? groups.get(data.group) : undefined;
    const facts = [
      `${nl.when}: ${when}`,
      `${nl.where}: ${where}`,
      ...(data.cost ? [`${nl.cost}: ${data.cost}`] : []),
      ...(group ? [`${nl.organiser}: ${group}`] : []),
    ];
    return {
      title: `${data.cancelled ? `${nl.cancelled}: ` : ''}${data.title} (${when})`,
      link: absoluteUrl(site.domain, urls.activity(activity.id)),
      description: `${data.summary} ${facts.join('. ')}.`,
      categories: data.tags,
    };
  });
  const body = await rssFeed({
    title: nl.feeds.agenda(site.name),
    link: absoluteUrl(site.domain, urls.agenda()),
    description: nl.feeds.agendaDescription(site.name),
    feedUrl: absoluteUrl(site.domain, '/agenda/rss.xml'),
    lastBuildDate: now,
    items,
  });
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
