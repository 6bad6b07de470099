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
}

/**
 * Replays the share; `emit` gets each outcome as it is known and may return
 * false to stop early (after a failure limit was reached).
 */
export function replayShare(job: ShareJob, jit: JitModule, emit: (outcome: ContextOutcome) => boolean, clock?: ContextClock): void {
  const options = { jitOptions: job.jitOptions, compareRecorded: job.compareRecorded, keepRepro: job.keepRepro };
  withMchReader(job.file, (reader) => {
    for (const entry of selectedEntries(reader, job.selection, job.share)) {
      clock?.started(entry.index);
      const outcome = replayContext(entry, jit, options);
      clock?.finished();
      if (!emit(outcome)) return;
    }
  });
}
