/**
 * The replay runner: checks the inputs, replays the selected contexts of a
 * .mch with one JIT (in this thread with one worker, otherwise in worker
 * threads that each open the file and take an interleaved share), and
 * delivers outcomes in context order to the totals, the failure limit, the
 * repro files, the .mcl and the caller.
 */

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { absoluteJitSpec, loadJit } from '../../jit/registry.js';
import type { JitOptions } from '../../jitee/jit-module.js';
import { parseContextRanges } from '../../mc/context-ranges.js';
import type { CollectionHeader, CollectionMode } from '../../mc/mch-format.js';
import { withMchReader } from '../../mc/mch-reader.js';
import { writeMcl } from '../../mc/mcl.js';
import { InputError } from '../../util/errors.js';
import { ContextClock } from './context-clock.js';
import { OrderedMerge } from './ordered-merge.js';
import { failingContexts, type ContextOutcome, type ReplayTotals } from './outcome.js';
import { OutcomeSink } from './outcome-sink.js';
import { replayShare, type ShareJob } from './share-replay.js';
import type { SelectionSpec } from './selection.js';
import type { WorkerMessage, WorkerStart } from './worker-protocol.js';

export interface ReplayRunOptions {
  readonly file: string;
  /** A built-in JIT name (`base`, `diff`) or the path of a JIT module. */
  readonly jit: string;
  readonly jitOptions?: JitOptions;
  /** Worker threads (default 1: replay in this thread). */
  readonly workers?: number;
  readonly selection?: SelectionSpec;
  readonly compareRecorded?: boolean;
  /** Write the failing and missing context numbers here. */
  readonly failingMcl?: string;
  /** Write each failing, missing or mismatching context here as N.mch. */
  readonly reproDir?: string;
  /** Stop once this many contexts failed (failures and mismatches, in context order). */
  readonly failureLimit?: number;
  /** Each outcome, in context order, with the totals so far. */
  readonly onOutcome?: (outcome: ContextOutcome, totals: Readonly<ReplayTotals>) => void;
}

export interface ReplaySummary extends ReplayTotals {
  readonly file: string;
  readonly jit: string;
  readonly interfaceVersion: string;
  readonly mode: CollectionMode;
  /** Interface versions the collection was recorded for. */
  readonly recordedVersions: readonly string[];
  readonly workers: number;
  readonly seconds: number;
  /** The failure limit stopped the run before every selected context was replayed. */
  readonly stoppedEarly: boolean;
  readonly reproFiles: number;
}

/** Checks what can be checked before replaying anything; InputError otherwise. */
function validateSelection(selection: SelectionSpec): void {
  if (selection.ranges !== undefined) parseContextRanges(selection.ranges);
}

/** An output file's directory must exist before a long run, not be found missing at its end. */
function validateOutputFile(path: string | undefined, optionName: string): void {
  if (path === undefined) return;
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${optionName} ${path}: ${dir} is not a directory`);
}

export async function runReplay(options: ReplayRunOptions): Promise<ReplaySummary> {
  const started = performance.now();
  const header: CollectionHeader = withMchReader(options.file, (reader) => reader.header, { tocPath: false });
  const selection = options.selection ?? {};
  validateSelection(selection);
  validateOutputFile(options.failingMcl, '--failing-mcl');
  const jit = await loadJit(options.jit);
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  if (options.failureLimit !== undefined && !(options.failureLimit >= 1)) {
    throw new InputError(`--failure-limit ${options.failureLimit}: expected a number of failures >= 1`);
  }

  const sink = new OutcomeSink({
    sourceFile: options.file,
    header,
    failureLimit: options.failureLimit,
    reproDir: options.reproDir,
    onOutcome: options.onOutcome,
  });
  const job = (worker: number): ShareJob => ({
    file: options.file,
    selection,
    share: { worker, workers },
    jitOptions: options.jitOptions ?? {},
    compareRecorded: options.compareRecorded ?? false,
    keepRepro: options.reproDir !== undefined,
  });

  if (workers === 1) replayShare(job(0), jit, (outcome) => sink.accept(outcome));
  else await replayInWorkers(workers, job, absoluteJitSpec(options.jit), sink);

  if (options.failingMcl !== undefined) writeMcl(options.failingMcl, failingContexts(sink.totals));
  return {
    file: options.file,
    jit: jit.name,
    interfaceVersion: jit.interfaceVersion,
    mode: header.mode,
    recordedVersions: header.interfaceVersions,
    workers,
    ...sink.totals,
    seconds: (performance.now() - started) / 1000,
    stoppedEarly: sink.stopped,
    reproFiles: sink.reproFiles,
  };
}


function replayInWorkers(count: number, job: (worker: number) => ShareJob, jitSpec: string, sink: OutcomeSink): Promise<void> {
  const clock = ContextClock.allocate(count);
  const merge = new OrderedMerge(count);
  const threads: Worker[] = [];
  const finishedWorkers = new Set<number>();
  return new Promise<void>((resolvePromise, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const thread of threads) void thread.terminate();
      if (err === undefined) resolvePromise();
      else reject(err);
    };
    const deliver = (): void => {
      try {
        for (const outcome of merge.release()) {
          if (!sink.accept(outcome)) return finish();
        }
      } catch (err) {
        return finish(err);
      }
      if (merge.finished) finish();
    };
    for (let worker = 0; worker < count; worker++) {
      const start: WorkerStart = { job: job(worker), jitSpec, clock };
      const thread = new Worker(new URL('./worker.js', import.meta.url), { workerData: start });
      threads.push(thread);
      thread.on('message', (message: WorkerMessage) => {
        if (settled) return;
        if (message.type === 'error') {
          return finish(message.input ? new InputError(message.message) : new Error(`replay worker ${worker}: ${message.message}`));
        }
        merge.push(worker, message.outcomes, message.done);
        if (message.done) finishedWorkers.add(worker);
        deliver();
      });
      thread.on('error', (err) => finish(new Error(`replay worker ${worker} crashed: ${err instanceof Error ? err.message : String(err)}`)));
      thread.on('exit', (code) => {
        if (!settled && !finishedWorkers.has(worker)) finish(new Error(`replay worker ${worker} exited (code ${code}) before finishing its share`));
      });
    }
  });
}
