import type { APIRoute, GetStaticPaths } from 'astro';
import { getActivities, getGroups, getNow, getSite } from '../../../render/data.ts';
import { calendar, feedActivities } from '../../../outputs/ical.ts';
import { nl } from '../../../model/strings.ts';

export const getStaticPaths = (async () => {
  return (await getGroups()).map((group) => ({ params: { slug: group.id }, props: { group } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { group } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  const site = await getSite();
  const activities = (await getActivities()).filter((a) => a.data.group === group.id);
  const body = calendar(feedActivities(activities, getNow()), {
    name: nl.calendar.groupFeedName(group.data.name, site.name),
    description: group.data.summary,
    origin: site.domain,
    now: getNow(),
    groupName: () => group.data.name,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
