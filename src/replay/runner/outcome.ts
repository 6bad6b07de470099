/**
 * What replaying one context gives, and the totals of a run. Outcomes are
 * plain data: they cross from worker threads to the main thread by
 * structured clone.
 */

import type { ContextMeta, CorruptionKind } from '../../mc/mch-format.js';

export type OutcomeKind =
  /** The JIT compiled the method (and, when compared, reproduced the recorded result). */
  | 'success'
  /** The JIT reported a failure or threw. */
  | 'failure'
  /** The JIT asked something the recording cannot answer. */
  | 'missing'
  /** Compiled, but the result differs from the one recorded live (--compare-recorded). */
  | 'mismatch'
  /** The record is damaged, or its content is not a method context. */
  | 'corrupt';

export interface MissingQuery {
  /** The interface method, e.g. `getHelperFtn`. */
  readonly call: string;
  /** Its printed arguments, e.g. `CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS`. */
  readonly key: string;
  readonly absentFields: readonly string[];
}

export interface CorruptRecordInfo {
  readonly error: CorruptionKind | 'not a method context';
  readonly detail: string;
  readonly offset: number;
  readonly size: number;
}

/** The decoded record, carried back for --repro-dir. */
export interface ReproPayload {
  readonly context: unknown;
  readonly meta: ContextMeta;
}

export interface ContextOutcome {
  /** 1-based context number. */
  readonly index: number;
  readonly kind: OutcomeKind;
  readonly methodName?: string;
  /** One line for people: the failure, the missing query, the differing parts, the damage. */
  readonly message?: string;
  readonly missing?: MissingQuery;
  /** Parts of the result that differ from the recording (mismatch). */
  readonly differences?: readonly string[];
  readonly corrupt?: CorruptRecordInfo;
  /** Whether the replayed result was checked against the recorded one. */
  readonly compared?: boolean;
  readonly repro?: ReproPayload;
}

/** Counters and context lists of a run; partitions add up to the unpartitioned run. */
export interface ReplayTotals {
  /** Contexts replayed (damaged records included). */
  contexts: number;
  succeeded: number;
  failed: number;
  missing: number;
  mismatched: number;
  corrupt: number;
  /** Successful compiles checked against the recorded result. */
  compared: number;
  failedContexts: number[];
  missingContexts: number[];
  mismatchedContexts: number[];
  corruptContexts: number[];
  /** Interface method → number of contexts that stopped on a query of it. */
  missingCalls: Record<string, number>;
  /** `call(key)` → number of contexts that stopped on it. */
  missingQueries: Record<string, number>;
}

export function emptyTotals(): ReplayTotals {
  return {
    contexts: 0,
    succeeded: 0,
    failed: 0,
    missing: 0,
    mismatched: 0,
    corrupt: 0,
    compared: 0,
    failedContexts: [],
    missingContexts: [],
    mismatchedContexts: [],
    corruptContexts: [],
    missingCalls: {},
    missingQueries: {},
  };
}

export function formatMissingQuery(missing: MissingQuery): string {
  return `${missing.call}(${missing.key})`;
}

/** Adds one outcome; outcomes must come in ascending index order to keep the lists sorted. */
export function addOutcome(totals: ReplayTotals, outcome: ContextOutcome): void {
  totals.contexts++;
  if (outcome.compared) totals.compared++;
  switch (outcome.kind) {
    case 'success':
      totals.succeeded++;
      break;
    case 'failure':
      totals.failed++;
      totals.failedContexts.push(outcome.index);
      break;
    case 'missing': {
      totals.missing++;
      totals.missingContexts.push(outcome.index);
      if (outcome.missing) {
        const call = outcome.missing.call;
        totals.missingCalls[call] = (totals.missingCalls[call] ?? 0) + 1;
        const query = formatMissingQuery(outcome.missing);
        totals.missingQueries[query] = (totals.missingQueries[query] ?? 0) + 1;
      }
      break;
    }
    case 'mismatch':
      totals.mismatched++;
      totals.mismatchedContexts.push(outcome.index);
      break;
    case 'corrupt':
      totals.corrupt++;
      totals.corruptContexts.push(outcome.index);
      break;
  }
}

/** Contexts a --failing-mcl lists: everything that did not replay cleanly, ascending. */
export function failingContexts(totals: ReplayTotals): number[] {
  return [...totals.failedContexts, ...totals.missingContexts, ...totals.mismatchedContexts].sort((a, b) => a - b);
}

/** Counts towards --failure-limit: the JIT failed or did not reproduce its recording. */
export function isFailure(kind: OutcomeKind): boolean {
  return kind === 'failure' || kind === 'mismatch';
}
