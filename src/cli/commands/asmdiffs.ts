import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { runAsmDiffs, asmDiffsExitCode } from '../../diff/asmdiffs.js';
import type { AsmDiffsTotals } from '../../diff/asmdiffs-result.js';
import { codeSizeSummary, methodLine, totalsLines } from '../../diff/code-size-summary.js';
import type { ContextDiffOutcome } from '../../diff/diff-context.js';
import { signed } from '../../diff/list-difference.js';
import { summaryTotalsJson } from '../../diff/summary-json.js';
import { parseJitOptionArgs } from '../../replay/runner/jit-option-args.js';
import { InputError } from '../../util/errors.js';
import { Progress, progressStyleFor } from '../../util/progress.js';
import type { TspmiCommand } from '../command.js';
import type { ExitCode } from '../exit-codes.js';
import { printJsonSummary, printLine } from '../output.js';

interface AsmDiffsArgs {
  file: string;
  baseJit: string;
  diffJit: string;
  baseJitoption: string[];
  diffJitoption: string[];
  output: string;
  parallel: number;
  contexts: string | undefined;
  json: boolean;
}

/** Diff lines printed as they are found; the rest are in the summaries. */
const DIFF_LINES_SHOWN = 50;
/** Regressions and improvements repeated at the end of the human output. */
const TOP_SHOWN = 5;

function progressLine(totals: Readonly<AsmDiffsTotals>, selected: number, live: boolean): string {
  const counts = `Loaded ${totals.contexts}  Compiled ${totals.compiled}  Diffs ${totals.diffs}  FailedCompile ${totals.failed}  Missing ${totals.missing}`
    + (totals.corrupt > 0 ? `  Corrupt ${totals.corrupt}` : '');
  if (!live || selected === 0) return counts;
  const width = 24;
  const done = Math.min(width, Math.round((totals.contexts / selected) * width));
  const percent = Math.floor((totals.contexts / selected) * 100);
  return `[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${String(percent).padStart(3)}% ${totals.contexts}/${selected}  ${counts}`;
}

function outcomeLine(outcome: ContextDiffOutcome): string | undefined {
  const name = outcome.methodName === undefined ? '' : ` ${outcome.methodName}`;
  switch (outcome.kind) {
    case 'identical':
      return undefined;
    case 'diff': {
      const row = outcome.row!;
      return `#${outcome.index}${name}: ${signed(row.delta)} bytes (${row.classes.join(', ')})`;
    }
    case 'failed':
      return `#${outcome.index}${name}: failed: ${outcome.message}`;
    case 'missing':
      return `#${outcome.index}${name}: missing: ${outcome.message}`;
    case 'corrupt':
      return `#${outcome.index}: corrupt: ${outcome.message}`;
  }
}

function workerCount(parallel: number): number {
  if (!Number.isInteger(parallel) || parallel < 0) throw new InputError(`-p ${parallel}: expected a number of workers (0 = one per CPU)`);
  return parallel === 0 ? availableParallelism() : parallel;
}

export const asmdiffsCommand: TspmiCommand<AsmDiffsArgs> = {
  command: 'asmdiffs <file>',
  describe: 'Replay a .mch with a base and a diff JIT and report the code differences (.dasm, summary.md, summary.json, report.html)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the .mch collection' })
      .option('base-jit', { type: 'string', default: 'base', describe: 'the base JIT: base, diff or the path of a JIT module' })
      .option('diff-jit', { type: 'string', default: 'diff', describe: 'the diff JIT: base, diff or the path of a JIT module' })
      .option('base-jitoption', { type: 'string', array: true, default: [], describe: 'K=V passed to the base JIT (repeatable)' })
      .option('diff-jitoption', { type: 'string', array: true, default: [], describe: 'K=V passed to the diff JIT (repeatable)' })
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'output folder (base/, diff/, summary.md, summary.json, report.html)' })
      .option('parallel', { alias: 'p', type: 'number', default: 1, describe: 'worker threads (0 = one per CPU)' })
      .option('contexts', { alias: 'c', type: 'string', describe: 'context numbers to diff, e.g. 1-100,205,300-' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' }) as unknown as Argv<AsmDiffsArgs>,
  async run(args) {
    const workers = workerCount(args.parallel);
    const progress = new Progress({ style: progressStyleFor(args.json) });
    let selected = 0;
    let diffLines = 0;
    const { report, written } = await runAsmDiffs({
      file: args.file,
      baseJit: args.baseJit,
      diffJit: args.diffJit,
      baseOptions: parseJitOptionArgs(args.baseJitoption, '--base-jitoption'),
      diffOptions: parseJitOptionArgs(args.diffJitoption, '--diff-jitoption'),
      outputDir: args.output,
      workers,
      selection: args.contexts === undefined ? {} : { ranges: args.contexts },
      onStart: (count) => {
        selected = count;
      },
      onOutcome: (outcome, totals) => {
        if (!args.json) {
          const line = outcomeLine(outcome);
          const isDiff = outcome.kind === 'diff';
          if (line !== undefined && (!isDiff || diffLines++ < DIFF_LINES_SHOWN)) {
            progress.clear();
            printLine(line);
          }
        }
        progress.update(() => progressLine(totals, selected, progress.style === 'live'));
      },
    });
    progress.clear();
    const code = asmDiffsExitCode(report.totals) as ExitCode;
    if (args.json) {
      printJsonSummary(summaryTotalsJson(report));
      return code;
    }
    const t = report.totals;
    if (diffLines > DIFF_LINES_SHOWN) printLine(`… ${diffLines - DIFF_LINES_SHOWN} more diffs (see ${written.summaryMd})`);
    printLine(progressLine(t, selected, false));
    const size = codeSizeSummary(report.rows, TOP_SHOWN);
    printLine();
    for (const line of totalsLines(size)) printLine(line);
    if (size.topRegressionsBytes.length > 0) printLine(`Top method regressions (bytes):\n${size.topRegressionsBytes.map(methodLine).join('\n')}`);
    if (size.topImprovementsBytes.length > 0) printLine(`Top method improvements (bytes):\n${size.topImprovementsBytes.map(methodLine).join('\n')}`);
    printLine();
    printLine(`${t.diffs} of ${t.compiled} contexts compiled by both JITs differ (${report.seconds.toFixed(1)} s, ${report.workers} worker${report.workers === 1 ? '' : 's'}).`);
    printLine(`Wrote ${written.summaryMd}, ${written.summaryJson}, ${written.reportHtml}` + (t.diffs > 0 ? ` and ${t.diffs} listing pairs in base/ and diff/.` : '.'));
    return code;
  },
};
