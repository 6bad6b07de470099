/**
 * The near differ: compares the base and diff JITs' results for one context
 * after placing both at the same address (placement.ts), part by part, and
 * classifies every difference. Unlike SuperPMI's it also compares unwind
 * info: a prolog change that leaves the code equal is still a change the
 * runtime sees.
 */

import type { CompileSuccess } from '../jitee/compile-result.js';
import type { CollectionMode } from '../mc/mch-format.js';
import { compareCode } from './code-difference.js';
import { DIFFERENCE_CLASSES, type Difference, type NearDiffResult } from './difference.js';
import { debugInfoDifference, ehDifference, gcDifference, unwindDifference } from './info-differences.js';
import { placeBoth, type PlacedResult } from './placement.js';
import { hexAddress } from './relocation-target.js';

export interface NearDiffOptions {
  /** The collection's mode: in r2r, indirect targets are described as import cells with their fixup kind. */
  readonly mode?: CollectionMode;
}

export interface PlacedPair {
  readonly base: PlacedResult;
  readonly diff: PlacedResult;
}

export function codeBytes(result: CompileSuccess): number {
  return result.code.length + result.coldCode.length;
}

/** Compares already placed results (asmdiffs places once and reuses the placement for listings). */
export function nearDiffPlaced(placed: PlacedPair, options: NearDiffOptions = {}): NearDiffResult {
  const base = placed.base.result;
  const diff = placed.diff.result;
  const code = compareCode(placed.base, placed.diff, options.mode);
  const differences: Difference[] = [];
  if (code.difference !== undefined) differences.push(code.difference);
  for (const compare of [gcDifference, ehDifference, debugInfoDifference, unwindDifference]) {
    const d = compare(base, diff);
    if (d !== undefined) differences.push(d);
  }
  const present = new Set(differences.map((d) => d.class));
  const baseBytes = codeBytes(base);
  const diffBytes = codeBytes(diff);
  return {
    identical: differences.length === 0,
    differences,
    classes: DIFFERENCE_CLASSES.filter((c) => present.has(c)),
    notes: code.notes,
    baseBytes,
    diffBytes,
    deltaBytes: diffBytes - baseBytes,
    codeAddress: hexAddress(placed.base.addresses.hot),
  };
}

export function nearDiff(base: CompileSuccess, diff: CompileSuccess, options: NearDiffOptions = {}): NearDiffResult {
  return nearDiffPlaced(placeBoth(base, diff), options);
}
