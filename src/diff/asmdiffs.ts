/**
 * asmdiffs: replays every selected context of a .mch with a base and a diff
 * JIT, near-diffs the two results, writes both listings of each differing
 * context and summarises (summary.md, summary.json, report.html).
 *
 * Inputs are checked before any replay (collection header and format
 * version, -c ranges, both JITs, the output folder): each problem is an
 * InputError with one line for the user. With more than one worker the
 * contexts are shared out the way the replay runner does it (interleaved,
 * each worker opening the file itself), and each worker writes its own
 * listings.
 */

import { Worker } from 'node:worker_threads';
import { absoluteJitSpec, loadJit } from '../jit/registry.js';
import type { JitModule, JitOptions } from '../jitee/jit-module.js';
import { contextSelector, parseContextRanges } from '../mc/context-ranges.js';
import type { CollectionHeader } from '../mc/mch-format.js';
import { withMchReader } from '../mc/mch-reader.js';
import type { SelectionSpec } from '../replay/runner/selection.js';
import { InputError } from '../util/errors.js';
import { prepareOutputDir, writeReports, type WrittenReports } from './asmdiffs-output.js';
import { emptyAsmDiffsTotals, type AsmDiffsReport, type AsmDiffsTotals, type JitDescription, type MethodDiffRow } from './asmdiffs-result.js';
import { diffShare, type AsmDiffsShareJob } from './asmdiffs-share.js';
import type { AsmDiffsWorkerMessage, AsmDiffsWorkerStart } from './asmdiffs-worker-protocol.js';
import type { ContextDiffOutcome } from './diff-context.js';

export interface AsmDiffsOptions {
  readonly file: string;
  /** Built-in JIT names (`base`, `diff`) or paths of JIT modules. */
  readonly baseJit: string;
  readonly diffJit: string;
  readonly baseOptions?: JitOptions;
  readonly diffOptions?: JitOptions;
  readonly outputDir: string;
  /** Worker threads (default 1: diff in this thread). */
  readonly workers?: number;
  readonly selection?: SelectionSpec;
  /** Called once the contexts to diff are counted, before the first outcome. */
  readonly onStart?: (selectedContexts: number) => void;
  /** Each outcome as it arrives (not necessarily in context order with several workers), with the totals so far. */
  readonly onOutcome?: (outcome: ContextDiffOutcome, totals: Readonly<AsmDiffsTotals>) => void;
}

export interface AsmDiffsRun {
  readonly report: AsmDiffsReport;
  readonly written: WrittenReports;
}

/** Exit code, most serious first: 4 damaged records, 1 compile failures, 3 missing data, 2 diffs, 0 none. */
export function asmDiffsExitCode(totals: Pick<AsmDiffsTotals, 'corrupt' | 'failed' | 'missing' | 'diffs'>): 0 | 1 | 2 | 3 | 4 {
  if (totals.corrupt > 0) return 4;
  if (totals.failed > 0) return 1;
  if (totals.missing > 0) return 3;
  if (totals.diffs > 0) return 2;
  return 0;
}

function addOutcome(totals: AsmDiffsTotals, rows: MethodDiffRow[], outcome: ContextDiffOutcome): void {
  totals.contexts++;
  switch (outcome.kind) {
    case 'identical':
    case 'diff':
      totals.compiled++;
      totals.baseBytes += outcome.baseBytes ?? 0;
      totals.diffBytes += outcome.diffBytes ?? 0;
      if (outcome.notes !== undefined) {
        totals.identicalRenamed++;
        totals.identicalRenamedContexts.push(outcome.index);
      }
      if (outcome.kind === 'diff') {
        totals.diffs++;
        if (outcome.row !== undefined) rows.push(outcome.row);
      }
      break;
    case 'failed':
      totals.failed++;
      totals.failedContexts.push(outcome.index);
      break;
    case 'missing':
      totals.missing++;
      totals.missingContexts.push(outcome.index);
      break;
    case 'corrupt':
      totals.corrupt++;
      totals.corruptContexts.push(outcome.index);
      break;
  }
}

function describeJit(spec: string, jit: JitModule, options: JitOptions): JitDescription {
  return { spec, name: jit.name, interfaceVersion: jit.interfaceVersion, options: { ...options } };
}

/** How many contexts the selection picks (for the progress bar). */
function countSelected(file: string, selection: SelectionSpec): number {
  return withMchReader(file, (reader) => {
    const count = reader.contextCount();
    const ranges = selection.ranges === undefined ? undefined : parseContextRanges(selection.ranges);
    const selected = contextSelector({ ranges, list: selection.list, partition: selection.partition });
    let n = 0;
    for (let i = 1; i <= count; i++) if (selected(i)) n++;
    return n;
  });
}


function diffInWorkers(count: number, job: (worker: number) => AsmDiffsShareJob, specs: { base: string; diff: string }, accept: (o: ContextDiffOutcome) => void): Promise<void> {
  const threads: Worker[] = [];
  const finished = new Set<number>();
  return new Promise<void>((resolvePromise, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const thread of threads) void thread.terminate();
      if (err === undefined) resolvePromise();
      else reject(err);
    };
    for (let worker = 0; worker < count; worker++) {
      const start: AsmDiffsWorkerStart = { job: job(worker), baseJitSpec: specs.base, diffJitSpec: specs.diff };
      const thread = new Worker(new URL('./asmdiffs-worker.js', import.meta.url), { workerData: start });
      threads.push(thread);
      thread.on('message', (message: AsmDiffsWorkerMessage) => {
        if (settled) return;
        if (message.type === 'error') {
          return finish(message.input ? new InputError(message.message) : new Error(`asmdiffs worker ${worker}: ${message.message}`));
        }
        try {
          for (const outcome of message.outcomes) accept(outcome);
        } catch (err) {
          return finish(err);
        }
        if (message.done) finished.add(worker);
        if (finished.size === count) finish();
      });
      thread.on('error', (err) => finish(new Error(`asmdiffs worker ${worker} crashed: ${err instanceof Error ? err.message : String(err)}`)));
      thread.on('exit', (code) => {
        if (!settled && !finished.has(worker)) finish(new Error(`asmdiffs worker ${worker} exited (code ${code}) before finishing its share`));
      });
    }
  });
}

export async function runAsmDiffs(options: AsmDiffsOptions): Promise<AsmDiffsRun> {
  const started = performance.now();
  const header: CollectionHeader = withMchReader(options.file, (reader) => reader.header, { tocPath: false });
  const selection = options.selection ?? {};
  if (selection.ranges !== undefined) parseContextRanges(selection.ranges);
  const baseJit = await loadJit(options.baseJit);
  const diffJit = await loadJit(options.diffJit);
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  prepareOutputDir(options.outputDir);

  const totals = emptyAsmDiffsTotals();
  const rows: MethodDiffRow[] = [];
  const accept = (outcome: ContextDiffOutcome): void => {
    addOutcome(totals, rows, outcome);
    options.onOutcome?.(outcome, totals);
  };
  options.onStart?.(countSelected(options.file, selection));

  const baseOptions = options.baseOptions ?? {};
  const diffOptions = options.diffOptions ?? {};
  const job = (worker: number): AsmDiffsShareJob => ({
    file: options.file,
    selection,
    share: { worker, workers },
    mode: header.mode,
    outputDir: options.outputDir,
    baseOptions,
    diffOptions,
  });
  if (workers === 1) diffShare(job(0), { base: baseJit, diff: diffJit }, accept);
  else await diffInWorkers(workers, job, { base: absoluteJitSpec(options.baseJit), diff: absoluteJitSpec(options.diffJit) }, accept);

  for (const list of [totals.failedContexts, totals.missingContexts, totals.corruptContexts, totals.identicalRenamedContexts]) list.sort((a, b) => a - b);
  rows.sort((a, b) => a.context - b.context);
  const report: AsmDiffsReport = {
    file: options.file,
    mode: header.mode,
    baseJit: describeJit(options.baseJit, baseJit, baseOptions),
    diffJit: describeJit(options.diffJit, diffJit, diffOptions),
    outputDir: options.outputDir,
    workers,
    seconds: (performance.now() - started) / 1000,
    totals,
    rows,
  };
  return { report, written: writeReports(options.outputDir, report) };
}
