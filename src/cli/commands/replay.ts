import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { parsePartition } from '../../mc/context-ranges.js';
import { readMcl } from '../../mc/mcl.js';
import { parseJitOptionArgs } from '../../replay/runner/jit-option-args.js';
import { formatMissingQuery, type ContextOutcome, type ReplayTotals } from '../../replay/runner/outcome.js';
import { replayExitCode } from '../../replay/runner/exit-status.js';
import { runReplay, type ReplaySummary } from '../../replay/runner/run-replay.js';
import { InputError } from '../../util/errors.js';
import { Progress, progressStyleFor } from '../../util/progress.js';
import type { TspmiCommand } from '../command.js';
import type { ExitCode } from '../exit-codes.js';
import { printJsonSummary, printLine } from '../output.js';

interface ReplayArgs {
  file: string;
  jit: string;
  jitoption: string[];
  parallel: number;
  contexts: string | undefined;
  contextList: string | undefined;
  partition: string | undefined;
  failingMcl: string | undefined;
  reproDir: string | undefined;
  failureLimit: number | undefined;
  contextTimeout: number | undefined;
  compareRecorded: boolean;
  json: boolean;
}

/** SuperPMI's progress line. */
export function progressLine(totals: Readonly<ReplayTotals>): string {
  const corrupt = totals.corrupt > 0 ? `  Corrupt ${totals.corrupt}` : '';
  const mismatched = totals.mismatched > 0 ? `  Mismatched ${totals.mismatched}` : '';
  return `Loaded ${totals.contexts}  Jitted ${totals.succeeded}  FailedCompile ${totals.failed}  Missing ${totals.missing}${mismatched}${corrupt}`;
}

function outcomeLine(outcome: ContextOutcome): string | undefined {
  const name = outcome.methodName === undefined ? '' : ` ${outcome.methodName}`;
  switch (outcome.kind) {
    case 'success':
      return undefined;
    case 'failure':
      return `#${outcome.index}${name}: failed: ${outcome.message}`;
    case 'missing':
      return `#${outcome.index}${name}: missing ${outcome.missing ? formatMissingQuery(outcome.missing) : outcome.message}` +
        (outcome.missing && outcome.missing.absentFields.length > 0 ? ` (fields ${outcome.missing.absentFields.join(', ')})` : '');
    case 'mismatch':
      return `#${outcome.index}${name}: ${outcome.message}`;
    case 'corrupt':
      return `#${outcome.index}: corrupt: ${outcome.message}`;
  }
}

function workerCount(parallel: number): number {
  if (!Number.isInteger(parallel) || parallel < 0) throw new InputError(`-p ${parallel}: expected a number of workers (0 = one per CPU)`);
  return parallel === 0 ? availableParallelism() : parallel;
}

/** A stale collection can miss a different handle in every context; the JSON keeps the most frequent queries. */
const MISSING_QUERIES_SHOWN = 50;

function mostFrequent(counts: Record<string, number>, limit: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit));
}

function jsonSummary(s: ReplaySummary): object {
  return {
    contexts: s.contexts,
    succeeded: s.succeeded,
    failed: s.failed,
    missing: s.missing,
    mismatched: s.mismatched,
    corrupt: s.corrupt,
    compared: s.compared,
    seconds: Math.round(s.seconds * 1000) / 1000,
    file: s.file,
    jit: s.jit,
    interfaceVersion: s.interfaceVersion,
    mode: s.mode,
    recordedVersions: s.recordedVersions,
    workers: s.workers,
    stoppedEarly: s.stoppedEarly,
    failedContexts: s.failedContexts,
    missingContexts: s.missingContexts,
    mismatchedContexts: s.mismatchedContexts,
    corruptContexts: s.corruptContexts,
    missingCalls: s.missingCalls,
    missingQueries: mostFrequent(s.missingQueries, MISSING_QUERIES_SHOWN),
    reproFiles: s.reproFiles,
  };
}

export const replayCommand: TspmiCommand<ReplayArgs> = {
  command: 'replay <file>',
  describe: 'Replay the contexts of a .mch with a JIT and report failures and missing data',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the .mch collection' })
      .option('jit', { type: 'string', default: 'base', describe: 'the JIT: base, diff or the path of a JIT module' })
      .option('jitoption', { type: 'string', array: true, default: [], describe: 'K=V passed to the JIT (repeatable)' })
      .option('parallel', { alias: 'p', type: 'number', default: 1, describe: 'worker threads (0 = one per CPU)' })
      .option('contexts', { alias: 'c', type: 'string', describe: 'context numbers to replay, e.g. 1-100,205,300-' })
      .option('context-list', { type: 'string', describe: 'replay only the contexts listed in this .mcl' })
      .option('partition', { type: 'string', describe: 'replay partition I of N (I/N): every N-th context starting at I' })
      .option('failing-mcl', { type: 'string', describe: 'write the numbers of failing, missing and mismatching contexts to this .mcl' })
      .option('repro-dir', { type: 'string', describe: 'write each failing, missing or mismatching context to DIR/N.mch' })
      .option('failure-limit', { type: 'number', describe: 'stop after this many failed contexts' })
      .option('context-timeout', {
        type: 'number',
        describe:
          'fail a context that takes longer than SECONDS and go on with a new worker (default 60 with -p N > 1; ' +
          'a hung JIT can only be stopped in a worker thread, so with -p 1 this option replays in one worker thread)',
      })
      .option('compare-recorded', {
        type: 'boolean',
        default: false,
        describe: "check each compile against the result recorded live for the JIT's interface version",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' }) as unknown as Argv<ReplayArgs>,
  async run(args) {
    const workers = workerCount(args.parallel);
    const selection = {
      ...(args.contexts === undefined ? {} : { ranges: args.contexts }),
      ...(args.contextList === undefined ? {} : { list: readMcl(args.contextList) }),
      ...(args.partition === undefined ? {} : { partition: parsePartition(args.partition) }),
    };
    const progress = new Progress({ style: progressStyleFor(args.json) });
    const summary = await runReplay({
      file: args.file,
      jit: args.jit,
      jitOptions: parseJitOptionArgs(args.jitoption),
      workers,
      selection,
      compareRecorded: args.compareRecorded,
      failingMcl: args.failingMcl,
      reproDir: args.reproDir,
      failureLimit: args.failureLimit,
      contextTimeout: args.contextTimeout,
      onOutcome: (outcome, totals) => {
        if (!args.json) {
          const line = outcomeLine(outcome);
          if (line !== undefined) {
            progress.clear();
            printLine(line);
          }
        }
        progress.update(() => progressLine(totals));
      },
    });
    progress.clear();
    if (args.json) {
      printJsonSummary(jsonSummary(summary));
    } else {
      printLine(progressLine(summary));
      const rate = summary.seconds > 0 ? Math.round(summary.contexts / summary.seconds) : summary.contexts;
      const stopped = summary.stoppedEarly ? `, stopped at the failure limit (${args.failureLimit})` : '';
      printLine(
        `Replayed ${summary.contexts} contexts of ${summary.file} (${summary.mode} mode) with JIT ${summary.jit} ` +
          `in ${summary.seconds.toFixed(2)} s, ${rate} contexts/s, ${summary.workers} worker${summary.workers === 1 ? '' : 's'}${stopped}`,
      );
      if (args.compareRecorded) printLine(`Compared with the recorded result: ${summary.compared}, different: ${summary.mismatched}`);
      if (!summary.recordedVersions.includes(summary.interfaceVersion)) {
        printLine(
          `Note: the collection was recorded for interface version${summary.recordedVersions.length === 1 ? '' : 's'} ` +
            `${summary.recordedVersions.join(', ') || '(none)'}, not ${summary.interfaceVersion}: questions only a ${summary.interfaceVersion} JIT asks are missing data`,
        );
      }
    }
    return replayExitCode(summary) as ExitCode;
  },
};
