import type { Argv } from 'yargs';
import type { ExitCode } from './exit-codes.js';

/**
 * One CLI command. `run` returns the exit code rather than calling
 * process.exit, so tests and the main entry share one path.
 */
export interface TspmiCommand<A = Record<string, unknown>> {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
  run: (args: A) => Promise<ExitCode>;
}
