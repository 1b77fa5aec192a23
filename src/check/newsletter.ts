/**
 * The newsletter's editors' line (`content/nieuwsbrief.md`): its front matter must match
 * `newsletterNoteSchema`, so a typo is found by `buurt check` and not by the scheduled send. A buurt with the
 * newsletter on needs the file to exist, even empty: Decap CMS cannot open a file of a file collection that is
 * not there (src/cms/config.ts). The settings in site.yaml (`newsletter`) are checked by the site schema
 * itself.
 */
import { access } from 'node:fs/promises';
import type { LoadedSite } from '../model/content.ts';
import { loadNewsletterNote, newsletterNoteFile } from '../newsletter/content.ts';
import type { Problem } from '../model/problems.ts';

/** Problems with the newsletter's editors' line of a buurt. */
export async function checkNewsletter(site: LoadedSite): Promise<Problem[]> {
  const { problems } = await loadNewsletterNote(site.slug);
  if (!site.config?.newsletter?.enabled) return problems;
  const file = newsletterNoteFile(site.slug);
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists) return problems;
  return [
    ...problems,
    {
      code: 'newsletter-note-missing',
      severity: 'warning',
      file,
      message:
        'the newsletter is on but this file does not exist, so editors cannot open "Nieuwsbrief › Groet van de redactie" in the CMS (Decap cannot open a missing file); create it with the three lines "---", "draft: false" and "---"',
    },
  ];
}
