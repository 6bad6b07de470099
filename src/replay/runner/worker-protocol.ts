/** Messages between the runner and its worker threads. */

import type { ContextOutcome } from './outcome.js';
import type { ShareJob } from './share-replay.js';

/** workerData of a replay worker. */
export interface WorkerStart {
  readonly job: ShareJob;
  /** A built-in JIT name or an absolute module path. */
  readonly jitSpec: string;
  readonly clock: SharedArrayBuffer;
}

export type WorkerMessage =
  /** Outcomes in ascending index order; `done` on the last batch. */
  | { readonly type: 'outcomes'; readonly outcomes: readonly ContextOutcome[]; readonly done: boolean }
  /** The worker could not run at all (file unreadable, JIT not loadable); `input` marks bad input. */
  | { readonly type: 'error'; readonly message: string; readonly input: boolean };
