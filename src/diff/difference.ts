/**
 * The near differ's vocabulary: classes of difference and the result of
 * comparing two compile results. Plain JSON-able data (addresses as hex
 * strings), so results cross worker threads and go into summary.json as is.
 */

import type { TargetDescription } from './relocation-target.js';

/**
 * - `code`: the instructions differ (bytes after relocation, or relocation
 *   shapes: offsets, kinds), or the read-only data does.
 * - `relocation target only`: same instructions once relocated fields are
 *   masked, same relocation shapes; only what some relocations point at differs.
 * - `gc info`, `eh`, `debug info` (IL-to-native map, variable locations),
 *   `unwind`: those parts differ.
 */
export type DifferenceClass = 'code' | 'relocation target only' | 'gc info' | 'eh' | 'debug info' | 'unwind';

/** In the order they are reported. */
export const DIFFERENCE_CLASSES: readonly DifferenceClass[] = ['code', 'relocation target only', 'gc info', 'eh', 'debug info', 'unwind'];

/** One relocation whose target differs between the two results. */
export interface RelocationTargetChange {
  readonly block: 'hot' | 'cold' | 'rodata';
  /** Offset of the relocated field in its block. */
  readonly offset: number;
  readonly base: TargetDescription;
  readonly diff: TargetDescription;
}

export interface Difference {
  readonly class: DifferenceClass;
  /** One line, e.g. `code size 96 → 108 (+12), first difference at offset 0x1C`. */
  readonly summary: string;
  /** The first differing entries, one line each. */
  readonly details: readonly string[];
  /**
   * Set for gc info, eh and debug info when the entries are the same apart
   * from native offsets: a consequence of the code moving, nothing more.
   */
  readonly offsetsOnly?: boolean;
  /** For `relocation target only` (and `code`, when targets differ too). */
  readonly targetChanges?: readonly RelocationTargetChange[];
}

export interface NearDiffResult {
  readonly identical: boolean;
  readonly differences: readonly Difference[];
  /** The distinct classes of `differences`, in DIFFERENCE_CLASSES order. */
  readonly classes: readonly DifferenceClass[];
  /**
   * Things that differ without making the code differ, e.g. a relocation
   * described as a method in base and as a helper in diff with the same target.
   */
  readonly notes: readonly string[];
  /** Hot + cold code bytes. */
  readonly baseBytes: number;
  readonly diffBytes: number;
  /** diffBytes - baseBytes. */
  readonly deltaBytes: number;
  /** Where both results were placed for the comparison (hot code), 0x-hex. */
  readonly codeAddress: string;
}
