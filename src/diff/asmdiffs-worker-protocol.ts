/** Messages between asmdiffs and its worker threads. */

import type { ContextDiffOutcome } from './diff-context.js';
import type { AsmDiffsShareJob } from './asmdiffs-share.js';

/** workerData of an asmdiffs worker. */
export interface AsmDiffsWorkerStart {
  readonly job: AsmDiffsShareJob;
  /** Built-in JIT names or absolute module paths. */
  readonly baseJitSpec: string;
  readonly diffJitSpec: string;
}

export type AsmDiffsWorkerMessage =
  /** Outcomes in ascending context order; `done` on the last batch. */
  | { readonly type: 'outcomes'; readonly outcomes: readonly ContextDiffOutcome[]; readonly done: boolean }
  /** The worker could not run at all; `input` marks bad input. */
  | { readonly type: 'error'; readonly message: string; readonly input: boolean };
