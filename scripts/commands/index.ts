import type { Command } from '../cli.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { list } from './list.ts';
import { preview } from './preview.ts';
import { history } from './history.ts';
import { report } from './report.ts';
import { restore } from './restore.ts';
import { audit } from './audit.ts';

/** Every `buurt` command, in the order `buurt help` lists them. */
export const commands: readonly Command[] = [list, check, build, preview, report, history, restore, audit];
