/**
 * `buurt secrets`: no token or key may live in the repository. Scans the tracked files (and with `history`
 * every file version reachable from any ref) for git host tokens, private keys, cloud and Netlify tokens, and
 * long random values assigned to names like SECRET, TOKEN or PASSWORD. Findings are printed redacted: CI
 * logs are public.
 *
 * A line that must hold such a value on purpose (it never should) can carry the marker
 * `buurt-secrets: allow` to be skipped.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { git, gitBuffer } from '../../../src/core/git.ts';

export interface SecretRule {
  id: string;
  description: string;
  pattern: RegExp;
  /** The group holding the secret (default: the whole match). */
  group?: number;
  /** Extra test of the captured value (random enough, not a placeholder). */
  accept?: (value: string) => boolean;
}

export interface SecretFinding {
  file: string;
  line: number;
  rule: string;
  description: string;
  /** The value, redacted: "ghp_…(40 characters)". */
  redacted: string;
  /** For findings in history: a commit that holds this version of the file. */
  commit?: string;
}

/** Bits of Shannon entropy per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER = /\$\{|\{\{|<[^>]*>|^\$|x{4,}|\*{4,}|\.{3}|…|example|changeme|placeholder|dummy|your[_-]|process\.env|secrets\./i;
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;
/** camelCase, PascalCase or snake_case words with an optional number: code, not a secret ("defaultToConfig2"). */
const WORDS_IDENTIFIER = /^(?:[A-Za-z][a-z]+)(?:[A-Z][a-z]+|_[A-Za-z][a-z]*)*\d{0,3}$/;

/** A value that looks like a real secret: long, random, mixed letters and digits, not a placeholder or code. */
export function looksRandom(value: string): boolean {
  return (
    value.length >= 16 &&
    /[0-9]/.test(value) &&
    /[A-Za-z]/.test(value) &&
    entropy(value) >= 3.5 &&
    !PLACEHOLDER.test(value) &&
    !DOTTED_IDENTIFIER.test(value) &&
    !WORDS_IDENTIFIER.test(value) &&
    !/[()[\]{}?!]/.test(value)
  );
}

export const SECRET_RULES: readonly SecretRule[] = [
  { id: 'github-token', description: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { id: 'github-fine-grained-token', description: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g },
  { id: 'gitlab-token', description: 'GitLab token', pattern: /\b(?:glpat|gldt|glrt|glptt|glft|glimt|glcbt|glsoat)-[A-Za-z0-9_-]{20,}\b/g },
  { id: 'private-key', description: 'private key', pattern: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----/g },
  { id: 'aws-access-key-id', description: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    pattern: /\baws_?secret_?access_?key\b["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
  },
  { id: 'netlify-token', description: 'Netlify personal access token', pattern: /\bnfp_[A-Za-z0-9]{36,}\b/g },
  {
    id: 'netlify-auth-token',
    description: 'Netlify auth token assignment',
    pattern: /\bNETLIFY_(?:AUTH_)?TOKEN["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{20,})/g,
    group: 1,
    accept: (v) => !PLACEHOLDER.test(v),
  },
  { id: 'npm-token', description: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { id: 'slack-token', description: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { id: 'stripe-key', description: 'Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/g },
  { id: 'google-api-key', description: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  {
    id: 'generic-secret',
    description: 'random value assigned to a secret-like name',
    pattern:
      /\b[A-Za-z0-9_.-]*(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential)[A-Za-z0-9_.-]*["']?\s*[:=]\s*(["'`]?)([^\s"'`,;]{16,})\1/gi,
    group: 2,
    accept: looksRandom,
  },
];

const ALLOW_MARKER = 'buurt-secrets: allow';

function redact(value: string): string {
  return `${value.slice(0, 4)}…(${value.length} characters)`;
}

/** Every secret in a text; `file` names it in findings. */
export function scanText(text: string, file: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.includes(ALLOW_MARKER) || line.length > 20_000) continue;
    const found: SecretFinding[] = [];
    for (const rule of SECRET_RULES) {
      // The generic rule only speaks for lines no specific rule recognised.
      if (rule.id === 'generic-secret' && found.length) continue;
      for (const match of line.matchAll(rule.pattern)) {
        const value = match[rule.group ?? 0] ?? match[0];
        if (rule.accept && !rule.accept(value)) continue;
        found.push({ file, line: index + 1, rule: rule.id, description: rule.description, redacted: redact(value) });
      }
    }
    findings.push(...found);
  }
  return findings;
}

/** Photos and other binary files are not scanned. */
function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

const MAX_SCANNED_BYTES = 5 * 1024 * 1024;

/** Scans every file git tracks in `repoDir`, as it is in the working tree. */
export async function scanTrackedFiles(repoDir: string): Promise<SecretFinding[]> {
  const files = (await git(repoDir, ['ls-files', '-z'])).split('\0').filter(Boolean);
  const findings: SecretFinding[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(repoDir, file));
    } catch {
      continue; // Deleted in the working tree, or a submodule.
    }
    if (bytes.length > MAX_SCANNED_BYTES || isBinary(bytes)) continue;
    findings.push(...scanText(bytes.toString('utf8'), file));
  }
  return findings;
}

/** Scans every version of every file reachable from any ref (branches, tags, remotes, stashes). */
export async function scanHistory(repoDir: string): Promise<SecretFinding[]> {
  const objects = await git(repoDir, ['rev-list', '--objects', '--all']);
  const paths = new Map<string, string>();
  for (const line of objects.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && !paths.has(line.slice(0, space))) paths.set(line.slice(0, space), line.slice(space + 1));
  }
  const checked = await git(repoDir, ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], { input: [...paths.keys()].join('\n') + '\n' });
  const blobs = checked
    .split('\n')
    .map((l) => l.split(' '))
    .filter(([, type, size]) => type === 'blob' && Number(size) <= MAX_SCANNED_BYTES)
    .map(([sha]) => sha!);
  const findings: SecretFinding[] = [];
  const batchSize = 500;
  for (let start = 0; start < blobs.length; start += batchSize) {
    const batch = blobs.slice(start, start + batchSize);
    const output = await gitBuffer(repoDir, ['cat-file', '--batch'], { input: batch.join('\n') + '\n' });
    let offset = 0;
    while (offset < output.length) {
      const headerEnd = output.indexOf(0x0a, offset);
      const [sha, , size] = output.subarray(offset, headerEnd).toString().split(' ');
      const content = output.subarray(headerEnd + 1, headerEnd + 1 + Number(size));
      offset = headerEnd + 1 + Number(size) + 1;
      if (isBinary(content)) continue;
      const found = scanText(content.toString('utf8'), paths.get(sha!) ?? sha!);
      if (found.length) {
        // The oldest commit that added this version of the file.
        const commit = (await git(repoDir, ['log', '--all', '--format=%h', `--find-object=${sha}`])).trim().split('\n').at(-1);
        findings.push(...found.map((f) => ({ ...f, commit })));
      }
    }
  }
  return findings;
}

/** One line per finding: "file:line: GitHub token (github-token) ghp_…(40 characters) [in commit abc1234]". */
export function formatSecretFinding(finding: SecretFinding): string {
  return `${finding.file}:${finding.line}: ${finding.description} (${finding.rule}) ${finding.redacted}${finding.commit ? ` in commit ${finding.commit}` : ''}`;
}
