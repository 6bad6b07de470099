import type { TspmiCommand } from '../command.js';
import { compileCommand } from './compile.js';
import { demoCommand } from './demo.js';
import { dumpAssemblyCommand } from './dump-assembly.js';

/** Every command of the CLI, in the order --help lists them. */
export const commands: TspmiCommand<any>[] = [
  demoCommand,
  compileCommand,
  dumpAssemblyCommand,
];
