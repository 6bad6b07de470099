/**
 * Which contexts a run replays (-c, a list, --partition) and which of those
 * one worker takes. Shares are interleaved by position among the selected
 * contexts — the k-th selected context goes to worker k mod N — so every
 * worker gets an even share whatever the partition, and every worker can
 * decide for itself, record by record, without talking to the others.
 */

import { contextSelector, parseContextRanges, type ContextRanges, type Partition } from '../../mc/context-ranges.js';
import type { McEntry, MchReader } from '../../mc/mch-reader.js';

/** Plain data, so it can be sent to a worker. */
export interface SelectionSpec {
  /** -c text, e.g. "1-100,205". */
  readonly ranges?: string;
  /** Context numbers from an .mcl. */
  readonly list?: readonly number[];
  readonly partition?: Partition;
}

export interface WorkerShare {
  readonly worker: number;
  readonly workers: number;
}

export const WHOLE_SHARE: WorkerShare = { worker: 0, workers: 1 };

/**
 * A finite set of candidate indices, when the selection names one (bounded
 * -c ranges or a list): those can be fetched through the TOC instead of
 * scanning the whole file.
 */
function boundedCandidates(ranges: ContextRanges | undefined, list: readonly number[] | undefined): number[] | undefined {
  if (list !== undefined) return [...new Set(list)].sort((a, b) => a - b);
  if (ranges === undefined || ranges.ranges.some((r) => r.last === undefined)) return undefined;
  const last = ranges.ranges[ranges.ranges.length - 1]?.last ?? 0;
  return ranges.toSortedList(last);
}

/**
 * The entries of `reader` this worker replays, in ascending index order.
 * Damaged records inside the selection come out as corrupt entries, each
 * owned by exactly one worker like any other context. With `after`, only
 * the entries numbered above it (a replacement worker resuming a share);
 * the share itself is the same.
 */
export function* selectedEntries(reader: MchReader, spec: SelectionSpec, share: WorkerShare, after = 0): Generator<McEntry> {
  const ranges = spec.ranges === undefined ? undefined : parseContextRanges(spec.ranges);
  const selected = contextSelector({ ranges, list: spec.list, partition: spec.partition });
  let ordinal = 0;
  const mine = (index: number): boolean => selected(index) && ordinal++ % share.workers === share.worker;
  // `mine` counts every selected index, so it runs before the `after` test.
  const wanted = (index: number): boolean => mine(index) && index > after;

  const candidates = boundedCandidates(ranges, spec.list);
  if (candidates === undefined) {
    yield* reader.contexts({ select: wanted });
    return;
  }
  const count = reader.contextCount();
  for (const index of candidates) {
    if (index > count) break;
    if (wanted(index)) yield reader.readContext(index);
  }
}
