import yargs from 'yargs';
import { InputError, describeError } from '../util/errors.js';
import { ExitCode } from './exit-codes.js';
import { printError } from './output.js';
import type { TspmiCommand } from './command.js';
import { commands } from './commands/index.js';

/** Runs the CLI on the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  let usageError: string | undefined;
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
    .fail((msg, err) => {
      usageError = msg ?? describeError(err);
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
      printError(err.message);
      return ExitCode.BadInput;
    }
    if (usageError === undefined) {
      printError(`internal error: ${describeError(err)}`);
      if (process.env.TSPMI_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      return ExitCode.BadInput;
    }
  }
  if (usageError !== undefined) {
    printError(usageError);
    return ExitCode.BadInput;
  }
  return exitCode;
}
