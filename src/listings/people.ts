/** Who can help with what: people and their topics, for /wie-helpt/. */
import { roles, type PersonData } from '../model/schemas.ts';
import { topicSlug } from '../model/urls.ts';

export interface PersonLike {
  id: string;
  data: PersonData;
}

/** Published people, buurtverbinders first, then professionals, then volunteers; by name within a role. */
export function publishedPeople<P extends PersonLike>(people: readonly P[]): P[] {
  return people
    .filter((p) => !p.data.draft)
    .sort((a, b) => roles.indexOf(a.data.role) - roles.indexOf(b.data.role) || a.data.name.localeCompare(b.data.name, 'nl'));
}

export interface Topic<P> {
  topic: string;
  slug: string;
  people: P[];
}

/** Every topic anyone helps with, alphabetically, with the people for it. */
export function topicsOf<P extends PersonLike>(people: readonly P[]): Topic<P>[] {
  const map = new Map<string, Topic<P>>();
  for (const person of publishedPeople(people)) {
    for (const topic of person.data.topics) {
      const slug = topicSlug(topic);
      let entry = map.get(slug);
      if (!entry) {
        entry = { topic, slug, people: [] };
        map.set(slug, entry);
      }
      if (!entry.people.includes(person)) entry.people.push(person);
    }
  }
  return [...map.values()].sort((a, b) => a.topic.localeCompare(b.topic, 'nl'));
}

/** People grouped by role, in the role order, leaving out empty roles. */
export function peopleByRole<P extends PersonLike>(people: readonly P[]): { role: (typeof roles)[number]; people: P[] }[] {
  const sorted = publishedPeople(people);
  return roles.map((role) => ({ role, people: sorted.filter((p) => p.data.role === role) })).filter((g) => g.people.length);
}
