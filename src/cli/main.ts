import yargs from 'yargs';
import { InputError, describeError } from '../util/errors.js';
import { ExitCode } from './exit-codes.js';
import { printError } from './output.js';
import type { TspmiCommand } from './command.js';
import { commands } from './commands/index.js';

/** Runs the CLI on the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const parser = yargs(argv)
    .scriptName('tspmi')
    .usage('$0 <command> [options]\n\nRecord, replay and diff the questions a .NET JIT asks the runtime.')
    .strict()
    .demandCommand(1, 'Name a command (tspmi --help lists them).')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .epilogue('Exit codes: 0 ok, 1 compile failures, 2 asm diffs found, 3 missing data, 4 bad input.')
    // Throwing here stops yargs before any handler runs on arguments that failed
    // validation; errors thrown by handlers come through as `err` and keep their type.
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg ?? 'invalid arguments');
    })
    .exitProcess(false);

  for (const cmd of commands as TspmiCommand<any>[]) {
    parser.command({
      command: cmd.command,
      describe: cmd.describe,
      builder: (y: any) => cmd.builder(y),
      handler: async (args: any) => {
        exitCode = await cmd.run(args);
      },
    });
  }

  try {
    await parser.parseAsync();
  } catch (err) {
    if (err instanceof InputError) {
      printError(describeError(err));
      return ExitCode.BadInput;
    }
    printError(`internal error: ${describeError(err)}`);
    if (process.env.TSPMI_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return ExitCode.BadInput;
  }
  return exitCode;
}

/** Bad command-line usage (unknown command or option, missing argument). */
class UsageError extends InputError {
  override name = 'UsageError';
}
