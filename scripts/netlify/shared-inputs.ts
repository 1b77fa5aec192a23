#!/usr/bin/env node
/**
 * Writes scripts/netlify/shared-inputs.txt, the files every buurt's build depends on, derived from the build's
 * import graph (scripts/platform/build/shared-inputs.ts): `npm run inputs:shared`. Run it after moving, adding or removing
 * modules; scripts/platform/build/shared-inputs.test.ts fails while the committed list is stale.
 *
 *   npm run inputs:shared                    write the list
 *   npm run inputs:shared -- --why <file>    why <file> is a shared input (the chain of importers)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deriveSharedInputs, formatSharedInputs, SHARED_INPUTS_FILE, whyShared } from '../platform/build/shared-inputs.ts';
import { rootDir } from '../../src/core/paths.ts';

const args = process.argv.slice(2);
const derived = await deriveSharedInputs(rootDir);
if (args[0] === '--why') {
  for (const file of args.slice(1)) console.log(whyShared(derived, file));
} else if (args.length) {
  console.error(`Unknown arguments: ${args.join(' ')}. Use no arguments to write ${SHARED_INPUTS_FILE}, or --why <file>.`);
  process.exitCode = 2;
} else {
  const file = path.join(rootDir, SHARED_INPUTS_FILE);
  const text = formatSharedInputs(derived.inputs);
  const before = await readFile(file, 'utf8').catch(() => '');
  if (before === text) console.log(`${SHARED_INPUTS_FILE} is up to date (${derived.inputs.length} entries).`);
  else {
    await writeFile(file, text);
    console.log(`Wrote ${SHARED_INPUTS_FILE}: ${derived.inputs.length} entries. Commit it with the change that moved the code.`);
  }
  for (const line of derived.unresolved) console.warn(`Not found (the build will fail on it too): ${line}`);
}
