import { writeFile } from 'node:fs/promises';
import { buildNow, isValidDate, isValidDateTime, parseAmsterdam } from '../../src/dates/dates.ts';
import { previewIssue } from '../../src/newsletter/preview.ts';
import { isValidAddress, Subscribers } from '../../src/newsletter/subscribers.ts';
import { parseCommandArgs, UsageError, type Command } from '../cli.ts';
import { openNewsletterStore } from '../functions/maintainer-store.ts';

export const nieuwsbrief: Command = {
  name: 'nieuwsbrief',
  usage: '<slug> [--out nieuwsbrief.eml] [--html nieuwsbrief.html] [--sinds 2026-11-30] | <slug> --abonnees | <slug> --verwijder <adres>',
  description: "Write the buurt's next newsletter issue to look at (nothing is sent); or show the number of subscribers, or delete one address on request.",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string', short: 'o' },
      html: { type: 'string' },
      sinds: { type: 'string' },
      abonnees: { type: 'boolean' },
      verwijder: { type: 'string' },
    });
    const [slug, ...rest] = positionals;
    if (!slug || rest.length) throw new UsageError('Name exactly one buurt.');
    if (values.abonnees || values.verwijder !== undefined) return manageSubscribers(slug, values.verwijder);
    if (values.sinds && !isValidDate(values.sinds) && !isValidDateTime(values.sinds)) {
      throw new UsageError(`--sinds must be a date like 2026-11-30 (Amsterdam time), not "${values.sinds}".`);
    }
    const now = buildNow();
    const preview = await previewIssue(slug, { now, ...(values.sinds ? { since: parseAmsterdam(values.sinds) } : {}) });
    const out = values.out ?? (values.html ? undefined : `nieuwsbrief-${slug}.eml`);
    if (out) await writeFile(out, preview.eml);
    if (values.html) await writeFile(values.html, preview.rendered.html);
    const { issue } = preview;
    console.log(`${preview.rendered.subject}`);
    console.log(
      `  ${issue.news.length} news item(s) since ${preview.since.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${issue.activities.length} activit${issue.activities.length === 1 ? 'y' : 'ies'} and ${issue.recurring.length} recurring one(s) in the next two weeks, ${issue.posts.length} new prikbord post(s)${issue.note ? ', the editors’ line' : ''}`,
    );
    if (preview.empty) console.log('  Nothing new: the scheduled send would skip this issue.');
    for (const file of [out, values.html].filter(Boolean)) console.log(`  written to ${file}`);
    console.log('Nothing was sent.');
    return 0;
  },
};

async function manageSubscribers(slug: string, address: string | undefined): Promise<number> {
  if (address !== undefined && !isValidAddress(address.trim())) throw new UsageError(`--verwijder needs an e-mail address, not "${address}".`);
  const opened = await openNewsletterStore();
  try {
    // Without the production secret the address is found by reading the records (Subscribers.remove).
    const subscribers = new Subscribers(opened.store, slug, process.env.BUURT_STATE_SECRET?.trim() || 'no-secret-given-look-through-records');
    if (address !== undefined) {
      const removed = await subscribers.remove(address);
      // The address is not printed back: the output may end up in a shared terminal log.
      console.log(
        removed
          ? `The address was deleted from the newsletter of ${slug} (${opened.where}).`
          : `The address is not subscribed to the newsletter of ${slug} (${opened.where}); nothing was changed.`,
      );
    }
    console.log(`${await subscribers.count()} confirmed subscriber(s) of the newsletter of ${slug} (${opened.where}).`);
    return 0;
  } finally {
    await opened.close();
  }
}
