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
import { replayShare, type ShareJob, type ShareResume } from './share-replay.js';
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
  /**
   * Per-context time limit in seconds (default 60 with worker threads). A
   * context past it fails ("timed out after Ns") and its worker is replaced.
   * Only worker threads can be stopped: given explicitly with one worker,
   * the share is replayed in one worker thread instead of this thread.
   */
  readonly contextTimeout?: number;
  /** Each outcome, in context order, with the totals so far. */
  readonly onOutcome?: (outcome: ContextOutcome, totals: Readonly<ReplayTotals>) => void;
}

/** Seconds one context may take when replaying in worker threads and no limit was given. */
export const DEFAULT_CONTEXT_TIMEOUT = 60;

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
  const contextTimeout = options.contextTimeout;
  if (contextTimeout !== undefined && !(contextTimeout > 0 && Number.isFinite(contextTimeout))) {
    throw new InputError(`--context-timeout ${contextTimeout}: expected a number of seconds > 0`);
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

  // In this thread a hung JIT cannot be stopped: a limit given for one worker runs it in a worker thread.
  if (workers === 1 && contextTimeout === undefined) replayShare(job(0), jit, (outcome) => sink.accept(outcome));
  else {
    const pool = { count: workers, job, jitSpec: absoluteJitSpec(options.jit), contextTimeout: contextTimeout ?? DEFAULT_CONTEXT_TIMEOUT };
    await replayInWorkers(pool, sink);
  }

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


interface WorkerPool {
  readonly count: number;
  readonly job: (worker: number) => ShareJob;
  readonly jitSpec: string;
  /** Per-context time limit in seconds; undefined: none. */
  readonly contextTimeout: number | undefined;
}

/** How often the watchdog reads the context clocks. */
function watchdogIntervalMs(timeoutSeconds: number): number {
  return Math.max(20, Math.min(1000, (timeoutSeconds * 1000) / 5));
}

/**
 * Replays the shares in worker threads. A worker stuck on one context past
 * the time limit is terminated; a worker that dies (uncaught exception,
 * process.exit in the JIT, a crash) is lost. Either way the context it was
 * on is reported as failed and a replacement worker resumes the share after
 * the last outcome received, so the merged output stays the same.
 */
function replayInWorkers(pool: WorkerPool, sink: OutcomeSink): Promise<void> {
  const { count } = pool;
  const clock = ContextClock.allocate(count);
  const merge = new OrderedMerge(count);
  const threads: Worker[] = [];
  const finishedWorkers = new Set<number>();
  /** Per worker: the highest context index received (its outcomes come in ascending order). */
  const lastReceived = new Array<number>(count).fill(0);
  /** Per worker: outcomes received from its current thread (a replacement that dies without progress outside a context stops the run). */
  const receivedFromThread = new Array<number>(count).fill(0);
  /** Per worker: contexts reported failed here (timed out, worker died) whose outcome has not come back yet. */
  const failedHere: { index: number; message: string }[][] = Array.from({ length: count }, () => []);
  return new Promise<void>((resolvePromise, reject) => {
    let settled = false;
    let watchdog: ReturnType<typeof setInterval> | undefined;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (watchdog !== undefined) clearInterval(watchdog);
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

    /**
     * Replaces worker `worker`'s thread, which is stuck or dead; the context
     * it was on fails with `reason`. A thread that died outside any context
     * before delivering anything (while loading the JIT, say) would die again:
     * that stops the run.
     */
    const replace = (worker: number, reason: string): void => {
      const current = ContextClock.current(clock, worker);
      if (current === undefined && receivedFromThread[worker] === 0) {
        return finish(new Error(`replay worker ${worker}: ${reason} before replaying anything`));
      }
      void threads[worker]!.terminate();
      new ContextClock(clock, worker).finished();
      const after = lastReceived[worker]!;
      const failed = failedHere[worker]!.filter((f) => f.index > after);
      if (current !== undefined) failed.push({ index: current.index, message: reason });
      failedHere[worker] = failed;
      start(worker, { after, failed });
    };

    const start = (worker: number, resume?: ShareResume): void => {
      const base = pool.job(worker);
      const data: WorkerStart = { job: resume === undefined ? base : { ...base, resume }, jitSpec: pool.jitSpec, clock };
      const thread = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
      threads[worker] = thread;
      receivedFromThread[worker] = 0;
      let crash: string | undefined;
      const live = (): boolean => !settled && threads[worker] === thread;
      thread.on('message', (message: WorkerMessage) => {
        if (!live()) return;
        if (message.type === 'error') {
          return finish(message.input ? new InputError(message.message) : new Error(`replay worker ${worker}: ${message.message}`));
        }
        const last = message.outcomes.at(-1);
        if (last !== undefined) {
          lastReceived[worker] = last.index;
          receivedFromThread[worker]! += message.outcomes.length;
        }
        merge.push(worker, message.outcomes, message.done);
        if (message.done) finishedWorkers.add(worker);
        deliver();
      });
      thread.on('error', (err) => {
        crash = err instanceof Error ? `${err.name}: ${err.message}`.split('\n')[0]! : String(err);
      });
      thread.on('exit', (code) => {
        if (!live() || finishedWorkers.has(worker)) return;
        replace(worker, `worker died: ${crash ?? `the thread exited with code ${code}`}`);
      });
    };

    for (let worker = 0; worker < count; worker++) start(worker);

    const limit = pool.contextTimeout;
    if (limit !== undefined) {
      watchdog = setInterval(() => {
        const now = Date.now();
        for (let worker = 0; worker < count; worker++) {
          if (finishedWorkers.has(worker)) continue;
          const current = ContextClock.current(clock, worker);
          if (current !== undefined && now - current.sinceMs > limit * 1000) replace(worker, `timed out after ${limit}s`);
        }
      }, watchdogIntervalMs(limit));
    }
  });
}
