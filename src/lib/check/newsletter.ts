/**
 * The newsletter's editors' line (`content/nieuwsbrief.md`): its front matter must match
 * `newsletterNoteSchema`, so a typo is found by `buurt check` and not by the scheduled send. The settings in
 * site.yaml (`newsletter`) are checked by the site schema itself.
 */
import type { LoadedSite } from '../content.ts';
import { loadNewsletterNote } from '../newsletter/content.ts';
import type { Problem } from '../problems.ts';

/** Problems with the newsletter's editors' line of a buurt. */
export async function checkNewsletter(site: LoadedSite): Promise<Problem[]> {
  return (await loadNewsletterNote(site.slug)).problems;
}
