import type { Argv } from 'yargs';
import { loadJit } from '../../jit/registry.js';
import type { CollectionMode } from '../../mc/mch-format.js';
import { parseJitOptionArgs } from '../../replay/runner/jit-option-args.js';
import { recordCollection } from '../../replay/collect/record-collection.js';
import { Progress, progressStyleFor } from '../../util/progress.js';
import type { TspmiCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { printJsonSummary, printLine } from '../output.js';

interface RecordArgs {
  assemblies: string[];
  output: string;
  jit: string[];
  mode: CollectionMode;
  ref: string[];
  filter: string | undefined;
  jitoption: string[];
  json: boolean;
}

export const recordCommand: TspmiCommand<RecordArgs> = {
  command: 'record <assemblies..>',
  describe: 'Compile every method with the live EE through the recorder and write a .mch collection',
  builder: (y: Argv) =>
    y
      .positional('assemblies', { type: 'string', array: true, demandOption: true, describe: 'the assemblies whose methods to record' })
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'the .mch to write (a .mct is written beside it)' })
      .option('jit', {
        type: 'string',
        array: true,
        default: ['base'],
        describe: 'a JIT to record with: base, diff or a module path; give two (--jit base --jit diff) to record both into each context',
      })
      .option('mode', { choices: ['jit', 'r2r'] as const, default: 'jit' as const, describe: 'bind like the runtime (jit) or like crossgen2 (r2r)' })
      .option('ref', { type: 'string', array: true, default: [], describe: 'a directory to search for referenced assemblies (repeatable)' })
      .option('filter', { type: 'string', describe: 'record only methods whose name matches this glob (Class:Method, * and ?)' })
      .option('jitoption', { type: 'string', array: true, default: [], describe: 'K=V passed to the JITs (repeatable)' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' }) as unknown as Argv<RecordArgs>,
  async run(args) {
    const jits = [];
    for (const spec of args.jit) jits.push(await loadJit(spec));
    const progress = new Progress({ style: progressStyleFor(args.json) });
    const summary = recordCollection({
      assemblies: args.assemblies,
      referenceDirectories: args.ref,
      jits,
      mode: args.mode,
      filter: args.filter,
      output: args.output,
      jitOptions: parseJitOptionArgs(args.jitoption),
      onMethod: (event, counts) => {
        if (event.kind === 'failed' && !args.json) {
          progress.clear();
          for (const message of event.messages) printLine(`failed: ${event.name}: ${message}`);
        }
        progress.update(() => `Methods ${counts.compiled + counts.failed + counts.skipped}/${counts.methods}  Compiled ${counts.compiled}  Failed ${counts.failed}  Skipped ${counts.skipped}`);
      },
    });
    progress.clear();
    if (args.json) {
      printJsonSummary({
        methods: summary.methods,
        compiled: summary.compiled,
        failed: summary.failed,
        skipped: summary.skipped,
        contexts: summary.contexts,
        seconds: round(summary.seconds),
        bytes: summary.bytes,
        output: summary.output,
        mode: summary.mode,
        jits: summary.jits,
        interfaceVersions: summary.interfaceVersions,
      });
    } else {
      printLine(
        `Recorded ${summary.contexts} contexts from ${summary.methods} methods (${summary.compiled} compiled, ${summary.failed} failed, ` +
          `${summary.skipped} skipped) with ${summary.jits.join(' and ')} in ${summary.mode} mode: ` +
          `${summary.output}, ${summary.bytes} bytes, ${round(summary.seconds)} s`,
      );
    }
    // Like `tspmi compile`: the collection is written either way, the exit code tells whether every method compiled.
    return summary.failed > 0 ? ExitCode.CompileFailures : ExitCode.Ok;
  },
};

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
