/**
 * Editors' e-mail addresses in site.yaml are the addresses their CMS commits carry, and commits are public:
 * they must be no-reply or platform addresses (see src/model/emails.ts). A private mailbox
 * (gmail.com, ziggo.nl, …) is an error; another domain is a warning (it may be someone's own or work address).
 */
import type { LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';
import { classifyEmail } from '../model/emails.ts';
import { loadPlatformSettings, platformFile, PlatformSettingsError } from '../model/platform.ts';

export async function checkEditorEmails(site: LoadedSite): Promise<Problem[]> {
  const editors = site.config?.editors ?? [];
  if (!editors.length) return [];
  let platformDomains: string[];
  try {
    platformDomains = (await loadPlatformSettings()).platformEmailDomains;
  } catch (error) {
    if (!(error instanceof PlatformSettingsError)) throw error;
    return [{ code: 'invalid-platform-settings', severity: 'error', file: platformFile(), message: error.message }];
  }
  const problems: Problem[] = [];
  editors.forEach((editor, index) => {
    const kind = classifyEmail(editor.email, platformDomains);
    const at = { file: site.paths.configFile, line: site.configLineOf(['editors', index, 'email']), field: `editors.${index}.email` };
    const advice =
      'every CMS commit publishes it in the git history; use the git host\'s no-reply address (GitHub: "Keep my email addresses private", then 1234+name@users.noreply.github.com) or an address on a platform domain from .buurt/platform.yaml';
    if (kind === 'personal') {
      problems.push({ ...at, code: 'private-editor-email', severity: 'error', message: `"${editor.email}" is a private mailbox; ${advice}` });
    } else if (kind === 'unknown') {
      problems.push({
        ...at,
        code: 'editor-email-not-no-reply',
        severity: 'warning',
        message: `"${editor.email}" is not a no-reply or platform address; ${advice}`,
      });
    }
  });
  return problems;
}
