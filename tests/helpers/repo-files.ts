/**
 * Finds this repository's own tracked files by name, so tests about "a change to the guard" or "a change to a
 * component" keep pointing at the right files after modules move between folders.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every tracked file (not a test) whose name is one of `names`, relative to the repository; fails when none is. */
export function trackedFilesNamed(...names: string[]): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoDir, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && names.includes(path.posix.basename(file)));
  if (files.length === 0) throw new Error(`No tracked file is named ${names.join(' or ')}: renamed? Update the test.`);
  return files.sort();
}
