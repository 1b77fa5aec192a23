import type { Command } from '../cli.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { codeowners } from './codeowners.ts';
import { erase } from './erase.ts';
import { guard } from './guard.ts';
import { list } from './list.ts';
import { preview } from './preview.ts';
import { secrets } from './secrets.ts';

/** Every `buurt` command, in the order `buurt help` lists them. */
export const commands: readonly Command[] = [list, check, build, preview, guard, codeowners, secrets, erase];
