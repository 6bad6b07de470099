import type { Argv } from 'yargs';
import type { TspmiCommand } from '../command.js';
import { MCS_VERBS, type McsArgs } from './mcs/index.js';

/**
 * One command with the verb as its first argument (rather than yargs
 * subcommands), so every verb returns its exit code through `run` like any
 * other command. Options a verb does not use are ignored by it.
 */
export const mcsCommand: TspmiCommand<McsArgs> = {
  command: 'mcs <verb> <files..>',
  describe: 'Operate on .mch collections: ' + MCS_VERBS.map((v) => v.name).join(', '),
  builder: (y: Argv) =>
    y
      .positional('verb', { type: 'string', choices: MCS_VERBS.map((v) => v.name), demandOption: true, describe: 'what to do' })
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'the input collection(s)' })
      .option('output', { alias: 'o', type: 'string', describe: 'the .mch to write (merge, strip, removedup)' })
      .option('contexts', { alias: 'c', type: 'string', describe: 'context numbers, e.g. 1-100,205,300- (strip: those to drop; dump, ildump, dumpmap: those to show)' })
      .option('by', { choices: ['hash', 'content'] as const, default: 'hash' as const, describe: 'removedup: what makes two contexts duplicates' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' })
      .epilogue(['Verbs:', ...MCS_VERBS.map((v) => `  mcs ${v.usage}\n      ${v.describe}`)].join('\n')) as unknown as Argv<McsArgs>,
  async run(args) {
    const verb = MCS_VERBS.find((v) => v.name === args.verb)!;
    return verb.run(args);
  },
};
