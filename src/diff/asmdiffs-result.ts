/**
 * What an asmdiffs run produces: a row per differing method and the totals.
 * Plain JSON-able data; summary.md, summary.json and report.html are all
 * written from it.
 */

import type { CollectionMode } from '../mc/mch-format.js';
import { DIFFERENCE_CLASSES, type DifferenceClass } from './difference.js';
import type { Explanation } from './explain.js';

export interface MethodDiffRow {
  /** 1-based context number; the .dasm files are base/N.dasm and diff/N.dasm. */
  readonly context: number;
  readonly method: string;
  readonly baseBytes: number;
  readonly diffBytes: number;
  /** diffBytes - baseBytes. */
  readonly delta: number;
  readonly classes: readonly DifferenceClass[];
  /** One line per difference (the near differ's summaries, prefixed with the class). */
  readonly differences: readonly string[];
  readonly explanations: readonly Explanation[];
}

export interface JitDescription {
  /** As given on the command line: a built-in name or a path. */
  readonly spec: string;
  readonly name: string;
  readonly interfaceVersion: string;
  readonly options: Readonly<Record<string, string>>;
}

export interface AsmDiffsTotals {
  /** Contexts looked at (damaged records included). */
  contexts: number;
  /** Compiled successfully by both JITs. */
  compiled: number;
  /** Compiled by both and different. */
  diffs: number;
  /** At least one JIT failed (and none was missing data). */
  failed: number;
  /** At least one JIT asked something the collection cannot answer. */
  missing: number;
  corrupt: number;
  /**
   * Identical code, but some relocation targets named differently on the two
   * sides at the same address (e.g. a method entry in base, a helper in diff).
   */
  identicalRenamed: number;
  /** Code bytes over the contexts compiled by both. */
  baseBytes: number;
  diffBytes: number;
  failedContexts: number[];
  missingContexts: number[];
  corruptContexts: number[];
  identicalRenamedContexts: number[];
}

export interface AsmDiffsReport {
  readonly file: string;
  readonly mode: CollectionMode;
  readonly baseJit: JitDescription;
  readonly diffJit: JitDescription;
  readonly outputDir: string;
  readonly workers: number;
  readonly seconds: number;
  readonly totals: Readonly<AsmDiffsTotals>;
  /** In context order. */
  readonly rows: readonly MethodDiffRow[];
}

export function emptyAsmDiffsTotals(): AsmDiffsTotals {
  return {
    contexts: 0,
    compiled: 0,
    diffs: 0,
    failed: 0,
    missing: 0,
    corrupt: 0,
    identicalRenamed: 0,
    baseBytes: 0,
    diffBytes: 0,
    failedContexts: [],
    missingContexts: [],
    corruptContexts: [],
    identicalRenamedContexts: [],
  };
}

/** Methods per difference class (a method counts once in each of its classes). */
export function classCounts(rows: readonly MethodDiffRow[]): Record<DifferenceClass, number> {
  const counts = Object.fromEntries(DIFFERENCE_CLASSES.map((c) => [c, 0])) as Record<DifferenceClass, number>;
  for (const row of rows) for (const c of row.classes) counts[c]++;
  return counts;
}
