import type { APIRoute } from 'astro';
import { getActivities, getGroups, getNow, getSite } from '../render/data.ts';
import { calendar, feedActivities } from '../outputs/ical.ts';
import { nl } from '../model/strings.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const groups = new Map((await getGroups()).map((g) => [g.id, g.data.name]));
  const body = calendar(feedActivities(await getActivities(), getNow()), {
    name: nl.calendar.feedName(site.name),
    description: nl.calendar.feedDescription(site.name),
    origin: site.domain,
    now: getNow(),
    groupName: (id) => groups.get(id),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
