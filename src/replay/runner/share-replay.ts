/**
 * The loop one worker (or the main thread, with -p 1) runs: open the file,
 * walk its share, replay each context, hand outcomes on in index order.
 */

import type { JitModule, JitOptions } from '../../jitee/jit-module.js';
import { withMchReader } from '../../mc/mch-reader.js';
import type { ContextClock } from './context-clock.js';
import type { ContextOutcome } from './outcome.js';
import { replayContext } from './replay-context.js';
import { selectedEntries, type SelectionSpec, type WorkerShare } from './selection.js';

export interface ShareJob {
  readonly file: string;
  readonly selection: SelectionSpec;
  readonly share: WorkerShare;
  readonly jitOptions: JitOptions;
  readonly compareRecorded: boolean;
  readonly keepRepro: boolean;
  /** Set for a worker that replaces one that was stopped or died part-way through this share. */
  readonly resume?: ShareResume;
}

/**
 * Where a replacement worker picks up: after the last outcome the main
 * thread received from its predecessor, reporting the context the
 * predecessors were stuck on (or died on) as failed instead of replaying
 * them.
 */
export interface ShareResume {
  /** Replay only the contexts numbered above this one. */
  readonly after: number;
  /**
   * The contexts predecessors were on (above `after`), and why they failed.
   * A list: a predecessor may have been stopped before it passed on the
   * failure it was told to report.
   */
  readonly failed: readonly { readonly index: number; readonly message: string }[];
}

/**
 * Replays the share; `emit` gets each outcome as it is known and may return
 * false to stop early (after a failure limit was reached).
 */
export function replayShare(job: ShareJob, jit: JitModule, emit: (outcome: ContextOutcome) => boolean, clock?: ContextClock): void {
  const options = { jitOptions: job.jitOptions, compareRecorded: job.compareRecorded, keepRepro: job.keepRepro };
  withMchReader(job.file, (reader) => {
    const failed = new Map((job.resume?.failed ?? []).map((f) => [f.index, f.message]));
    for (const entry of selectedEntries(reader, job.selection, job.share, job.resume?.after)) {
      const message = failed.get(entry.index);
      if (message !== undefined) {
        const methodName = entry.kind === 'corrupt' ? undefined : entry.meta.methodName;
        const outcome: ContextOutcome = { index: entry.index, kind: 'failure', ...(methodName === undefined ? {} : { methodName }), message };
        if (!emit(outcome)) return;
        continue;
      }
      clock?.started(entry.index);
      const outcome = replayContext(entry, jit, options);
      clock?.finished();
      if (!emit(outcome)) return;
    }
  });
}
