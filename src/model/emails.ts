/**
 * Is an e-mail address safe to appear in the public git history? Commits of editors and maintainers must carry
 * a no-reply address of the git host (GitHub: "1234+anna@users.noreply.github.com") or an address on a
 * platform domain from `.buurt/platform.yaml`, never a private mailbox ("anna@gmail.com").
 */

/** How an address relates to privacy. */
export type EmailKind =
  /** A git host's or service's no-reply address: safe. */
  | 'no-reply'
  /** On a platform domain from `.buurt/platform.yaml`: safe. */
  | 'platform'
  /** A reserved example domain (example.org, *.test, *.invalid): not a real mailbox, safe. */
  | 'reserved'
  /** A mailbox at a provider people use privately (gmail.com, ziggo.nl, …): leaks. */
  | 'personal'
  /** Any other domain: possibly a person's own or work address; not allowed in commits. */
  | 'unknown';

/** Providers of private mailboxes, common in the Netherlands and elsewhere. */
export const PERSONAL_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.nl',
  'outlook.com',
  'outlook.nl',
  'live.com',
  'live.nl',
  'msn.com',
  'yahoo.com',
  'yahoo.nl',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'hey.com',
  'zoho.com',
  'yandex.com',
  'ziggo.nl',
  'kpnmail.nl',
  'kpnplanet.nl',
  'planet.nl',
  'hetnet.nl',
  'home.nl',
  'xs4all.nl',
  'telfort.nl',
  'upcmail.nl',
  'chello.nl',
  'casema.nl',
  'quicknet.nl',
  'zeelandnet.nl',
  'online.nl',
  'tele2.nl',
  'caiway.nl',
  'solcon.nl',
  'kabelfoon.nl',
  'freedom.nl',
  'onsbrabantnet.nl',
  'telenet.be',
  'skynet.be',
];

/** No-reply domains of git hosts and services: GitHub, GitLab, Codeberg/Forgejo, Gitea, Bitbucket. */
export const NO_REPLY_DOMAINS: readonly string[] = [
  'users.noreply.github.com',
  'noreply.github.com',
  'users.noreply.gitlab.com',
  'noreply.gitlab.com',
  'noreply.codeberg.org',
  'noreply.gitea.com',
  'noreply.gitea.io',
];

/** Committer addresses that git hosts use for commits they make themselves (web merges, API commits). */
export const HOST_COMMITTER_EMAILS: readonly string[] = ['noreply@github.com', 'noreply@gitlab.com', 'noreply@codeberg.org'];

function domainOf(email: string): string {
  return email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
}

function isWithin(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

/**
 * Classifies an e-mail address. A domain with a `noreply`/`no-reply` label ("users.noreply.voorbeeldwijk.nl")
 * counts as a no-reply address.
 */
export function classifyEmail(email: string, platformDomains: readonly string[] = []): EmailKind {
  const domain = domainOf(email);
  if (!email.includes('@') || !domain) return 'unknown';
  if (HOST_COMMITTER_EMAILS.includes(email.trim().toLowerCase())) return 'no-reply';
  if (NO_REPLY_DOMAINS.some((d) => isWithin(domain, d)) || domain.split('.').some((label) => /^no-?reply$/.test(label))) {
    return 'no-reply';
  }
  if (platformDomains.some((d) => isWithin(domain, d.toLowerCase()))) return 'platform';
  if (/^example\.(com|org|net)$/.test(domain) || /\.(example|test|invalid|localhost)$/.test(domain) || /\.example\.(com|org|net)$/.test(domain)) {
    return 'reserved';
  }
  if (PERSONAL_MAIL_DOMAINS.includes(domain)) return 'personal';
  return 'unknown';
}

/** True when an address may appear in the public history. */
export function isSafeCommitEmail(email: string, platformDomains: readonly string[] = []): boolean {
  const kind = classifyEmail(email, platformDomains);
  return kind === 'no-reply' || kind === 'platform' || kind === 'reserved';
}

/** One sentence on what to do instead of `email`, for messages. */
export function emailAdvice(email: string, kind: EmailKind): string {
  const what = kind === 'personal' ? `"${email}" is a private mailbox` : `"${email}" is not a no-reply or platform address`;
  return `${what} and would be published in the git history; use the git host's no-reply address (GitHub: turn on "Keep my email addresses private" and use 1234+name@users.noreply.github.com) or an address on a platform domain from .buurt/platform.yaml`;
}
