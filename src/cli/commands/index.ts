import type { TspmiCommand } from '../command.js';
import { asmdiffsCommand } from './asmdiffs.js';
import { compileCommand } from './compile.js';
import { demoCommand } from './demo.js';
import { dumpAssemblyCommand } from './dump-assembly.js';
import { mcsCommand } from './mcs.js';
import { recordCommand } from './record.js';
import { replayCommand } from './replay.js';

/** Every command of the CLI, in the order --help lists them. */
export const commands: TspmiCommand<any>[] = [
  demoCommand,
  compileCommand,
  dumpAssemblyCommand,
  recordCommand,
  replayCommand,
  asmdiffsCommand,
  mcsCommand,
];
