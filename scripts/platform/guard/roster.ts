/**
 * Who may change what: the maintainers (from `.buurt/platform.yaml`) and each buurt's editors (from
 * `editors:` in its site.yaml), read from a git commit (the guard reads them from the base of a change, so a
 * change can never grant itself rights) or from the working tree (`buurt codeowners`).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { git, showFile } from '../../../src/core/git.ts';
import { parsePlatformSettings, PLATFORM_FILE, type Identity, type PlatformSettings } from '../../../src/model/platform.ts';

export interface Roster {
  maintainers: Identity[];
  /** Editors per buurt slug, in slug order. */
  editors: Map<string, Identity[]>;
  platformEmailDomains: string[];
}

/** The editors named in a site.yaml's text, read leniently: entries without an e-mail address are skipped. */
export function editorsOf(siteYaml: string | undefined): Identity[] {
  let data: unknown;
  try {
    data = siteYaml === undefined ? undefined : parse(siteYaml);
  } catch {
    return [];
  }
  const list = (data && typeof data === 'object' ? (data as Record<string, unknown>).editors : undefined) ?? [];
  if (!Array.isArray(list)) return [];
  const editors: Identity[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const { name, email, username } = entry as Record<string, unknown>;
    if (typeof email !== 'string' || !email.includes('@')) continue;
    editors.push({
      name: typeof name === 'string' ? name : email,
      email: email.trim(),
      username: typeof username === 'string' && username.trim() ? username.trim() : undefined,
    });
  }
  return editors;
}

function roster(platform: PlatformSettings, editors: Map<string, Identity[]>): Roster {
  return { maintainers: platform.maintainers, editors, platformEmailDomains: platform.platformEmailDomains };
}

/** The roster as it is at commit `ref` of the repository in `repoDir`. */
export async function rosterAt(repoDir: string, ref: string): Promise<Roster> {
  const platform = parsePlatformSettings(await showFile(repoDir, ref, PLATFORM_FILE), `${PLATFORM_FILE} at ${ref.slice(0, 12)}`);
  const listing = await git(repoDir, ['ls-tree', '-r', '--name-only', '-z', ref, '--', 'sites/']);
  const editors = new Map<string, Identity[]>();
  for (const file of listing
    .split('\0')
    .filter((f) => /^sites\/[^/]+\/site\.yaml$/.test(f))
    .sort()) {
    editors.set(file.split('/')[1]!, editorsOf(await showFile(repoDir, ref, file)));
  }
  return roster(platform, editors);
}

/** The roster of a working tree: `sitesDir` holds the buurten, `platformText` is platform.yaml's text. */
export async function rosterFromFiles(sitesDir: string, platformText: string | undefined): Promise<Roster> {
  const platform = parsePlatformSettings(platformText);
  const editors = new Map<string, Identity[]>();
  let names: string[] = [];
  try {
    names = (await readdir(sitesDir)).sort();
  } catch {
    // No buurten yet.
  }
  for (const name of names) {
    try {
      editors.set(name, editorsOf(await readFile(path.join(sitesDir, name, 'site.yaml'), 'utf8')));
    } catch {
      // Not a buurt.
    }
  }
  return roster(platform, editors);
}

/** What an e-mail address may do: maintainer, and/or editor of some buurten. */
export interface Roles {
  maintainer: Identity | undefined;
  /** Slugs of the buurten this address edits. */
  buurten: string[];
  /** The name under which the roster knows the address. */
  name: string | undefined;
}

export function rolesOfEmail(roster: Roster, email: string): Roles {
  const key = email.trim().toLowerCase();
  const maintainer = roster.maintainers.find((m) => m.email.toLowerCase() === key);
  const buurten: string[] = [];
  let name = maintainer?.name;
  for (const [slug, editors] of roster.editors) {
    const editor = editors.find((e) => e.email.toLowerCase() === key);
    if (editor) {
      buurten.push(slug);
      name ??= editor.name;
    }
  }
  return { maintainer, buurten, name };
}

export function rolesOfUsername(roster: Roster, username: string): Roles {
  const key = username.trim().toLowerCase();
  const maintainer = roster.maintainers.find((m) => m.username?.toLowerCase() === key);
  const buurten: string[] = [];
  let name = maintainer?.name;
  for (const [slug, editors] of roster.editors) {
    const editor = editors.find((e) => e.username?.toLowerCase() === key);
    if (editor) {
      buurten.push(slug);
      name ??= editor.name;
    }
  }
  return { maintainer, buurten, name };
}

/** "maintainer", "editor of oost", "editor of oost and west", "unknown". */
export function describeRoles(roles: Roles): string {
  if (roles.maintainer) return 'maintainer';
  if (roles.buurten.length) return `editor of ${roles.buurten.join(' and ')}`;
  return 'unknown';
}
