/**
 * The replay runner: replays the contexts of a .mch with one JIT, in worker
 * threads, with context selection, partitions, failure isolation, .mcl and
 * repro output. See README.md.
 */

export { runReplay, type ReplayRunOptions, type ReplaySummary } from './run-replay.js';
export {
  addOutcome,
  emptyTotals,
  failingContexts,
  formatMissingQuery,
  type ContextOutcome,
  type MissingQuery,
  type OutcomeKind,
  type ReplayTotals,
} from './outcome.js';
export { compileFromContext, replayContext, type ReplayContextOptions } from './replay-context.js';
export { compileResultDifferences } from './compare-results.js';
export { parseJitOptionArgs } from './jit-option-args.js';
export type { SelectionSpec } from './selection.js';
export { replayExitCode } from './exit-status.js';
