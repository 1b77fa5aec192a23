/**
 * Platform settings that belong to no single buurt: who the maintainers are, which e-mail domains count as
 * platform addresses for commits, and which domains opted into the HSTS preload list. They live in
 * `.buurt/platform.yaml` next to `sites/` (a dotfolder, so the fixed top-level layout stays as it is); only
 * maintainers may change it (`buurt guard` enforces that).
 *
 *   maintainers:
 *     - name: Platformbeheer
 *       email: beheer@buurtsites.nl
 *       username: buurtsites-beheer
 *   platformEmailDomains: [buurtsites.nl]
 *   hstsPreload: [voorbeeldwijk.nl]
 *
 * The file is looked up next to the sites folder (so a test workspace with its own `BUURT_SITES_DIR` has its
 * own settings, defaults when absent); `BUURT_PLATFORM_FILE` names another file outright.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { parse } from 'yaml';
import { EMAIL_PATTERN } from './schemas.ts';
import { sitesDir } from '../core/paths.ts';
import { PlatformError } from '../core/errors.ts';

/** Where the platform settings live inside a repository. */
export const PLATFORM_FILE = '.buurt/platform.yaml';

const identitySchema = z.strictObject({
  /** "Platformbeheer" */
  name: z.string().trim().min(1),
  /** The e-mail address of this person's commits: "beheer@buurtsites.nl". */
  email: z
    .string()
    .trim()
    .regex(EMAIL_PATTERN, { error: (issue) => `"${String(issue.input)}" is not an e-mail address` }),
  /** Account name on the git host, for CODEOWNERS: "buurtsites-beheer". */
  username: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: (issue) => `"${String(issue.input)}" is not an account name` })
    .optional(),
});

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
    error: (issue) => `"${String(issue.input)}" is not a domain name; write it as buurtsites.nl`,
  });

export const platformSchema = z.strictObject({
  /** The people who may change shared code, templates, the deploy config and CI, and create buurten. */
  maintainers: z.array(identitySchema).default([]),
  /**
   * Domains whose addresses are platform addresses, not personal ones: commits from them never leak a
   * private e-mail address ("buurtsites.nl" also admits "cms.buurtsites.nl").
   */
  platformEmailDomains: z.array(domainSchema).default([]),
  /** Domains whose owners chose HSTS preloading: their sites send `preload` in Strict-Transport-Security. */
  hstsPreload: z.array(domainSchema).default([]),
});

export type Identity = z.output<typeof identitySchema>;
export type PlatformSettings = z.output<typeof platformSchema>;

/** Thrown when `.buurt/platform.yaml` cannot be read or is not valid. */
export class PlatformSettingsError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'content' });
    this.name = 'PlatformSettingsError';
  }
}

/** Settings from the text of a platform.yaml (`source` names it in errors); empty text gives the defaults. */
export function parsePlatformSettings(text: string | undefined, source = PLATFORM_FILE): PlatformSettings {
  let data: unknown;
  try {
    data = text === undefined ? {} : (parse(text) ?? {});
  } catch (error) {
    throw new PlatformSettingsError(`${source} is not valid YAML: ${(error as Error).message}`);
  }
  const result = platformSchema.safeParse(data);
  if (!result.success) {
    const details = result.error.issues.map((i) => `  field "${i.path.join('.')}": ${i.message}`).join('\n');
    throw new PlatformSettingsError(`${source} has problems:\n${details}`);
  }
  return result.data;
}

/** The repository root as far as the platform files go: the folder holding `sites/`. */
export function platformRoot(): string {
  return path.dirname(sitesDir());
}

/** The platform settings file: `.buurt/platform.yaml` next to `sites/`, or BUURT_PLATFORM_FILE. */
export function platformFile(): string {
  return path.resolve(process.env.BUURT_PLATFORM_FILE ?? path.join(platformRoot(), PLATFORM_FILE));
}

/** Reads the platform settings; a missing file gives the defaults (no maintainers, no extra domains). */
export async function loadPlatformSettings(file = platformFile()): Promise<PlatformSettings> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return parsePlatformSettings(text, path.relative(process.cwd(), file) || file);
}
