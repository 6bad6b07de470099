/**
 * The exit code of a replay. Precedence, most serious first:
 *
 * 4 — damaged records: the input is bad and the totals are incomplete;
 * 1 — compile failures (and results that differ from the recording): a JIT bug;
 * 3 — missing data: the collection is stale for this JIT, nothing is known to be wrong;
 * 0 — every context replayed.
 *
 * SuperPMI likewise ranks errors above missing data. Every count is in the
 * summary whatever the code.
 */

import type { ReplayTotals } from './outcome.js';

export const ReplayExit = { Ok: 0, Failures: 1, Missing: 3, Corrupt: 4 } as const;
export type ReplayExit = (typeof ReplayExit)[keyof typeof ReplayExit];

export function replayExitCode(totals: Pick<ReplayTotals, 'failed' | 'mismatched' | 'missing' | 'corrupt'>): ReplayExit {
  if (totals.corrupt > 0) return ReplayExit.Corrupt;
  if (totals.failed > 0 || totals.mismatched > 0) return ReplayExit.Failures;
  if (totals.missing > 0) return ReplayExit.Missing;
  return ReplayExit.Ok;
}
