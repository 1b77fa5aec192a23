import type { Command } from '../cli.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { dev } from './dev.ts';
import { list } from './list.ts';
import { preview } from './preview.ts';

/** Every `buurt` command, in the order `buurt help` lists them. */
export const commands: readonly Command[] = [list, check, build, preview, dev];
