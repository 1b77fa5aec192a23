/**
 * Finds English in text that a buurt reads. The report speaks Dutch to the buurt; a stray English summary
 * ("last news 16 days ago", "growing") is what this catches. The list holds common English words that are not
 * also Dutch words (so not "is", "of", "per", "week", "link" or "tips"), so a Dutch sentence yields nothing; names of tools (Lighthouse, axe) are not in it.
 */
const ENGLISH = new Set(
  `the and with without from for this that these those are were be been has not no yet
   ago day days weeks month months year years last next since until about
   level levels overall scored starting growing active lively thriving figures figure dimension dimensions
   news activities activity editor editors unknown contributing organisations organisation groups
   group reachable topic topics pages page untouched photo photos image images broken
   violation violations accessibility summary cannot read run note error errors volunteers
   measured time built fixed recurring running date`
    .split(/\s+/)
    .filter(Boolean),
);

/** The English words in `text`, in order of appearance (empty for Dutch text). */
export function englishWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z’'-]+/g) ?? []).filter((word) => ENGLISH.has(word));
}
