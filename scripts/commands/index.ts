import type { Command } from '../cli.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { list } from './list.ts';
import { newCommand } from './new.ts';
import { preview } from './preview.ts';

/** Every `buurt` command, in the order `buurt help` lists them. */
export const commands: readonly Command[] = [list, check, build, preview, newCommand];
