import type { APIRoute, GetStaticPaths } from 'astro';
import { getActivities, getGroups, getNow, getSite } from '../../render/data.ts';
import { isPublishedActivity } from '../../listings/agenda.ts';
import { calendar } from '../../outputs/ical.ts';

export const getStaticPaths = (async () => {
  const activities = (await getActivities()).filter(isPublishedActivity);
  return activities.map((activity) => ({ params: { slug: activity.id }, props: { activity } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { activity } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  const site = await getSite();
  const groups = new Map((await getGroups()).map((g) => [g.id, g.data.name]));
  const body = calendar([activity], {
    name: activity.data.title,
    origin: site.domain,
    now: getNow(),
    groupName: (id) => groups.get(id),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
