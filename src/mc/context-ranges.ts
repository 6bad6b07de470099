/*
 * Context selection for replay: `-c` ranges ("1-100,205,300-"), .mcl lists and
 * `--partition I/N`.
 *
 * Partitioning is interleaved: context i belongs to partition ((i-1) mod N)+1.
 * It needs no context count up front (a streaming reader can decide record
 * by record), spreads similar neighbouring methods over all partitions, and
 * puts every context in exactly one partition — so summing the counters and
 * merging the sorted index lists of the N partition results gives exactly the
 * unpartitioned result (mergeSortedIndexLists).
 */
import { InputError } from '../util/errors.js';

export interface ContextRange {
  first: number;
  /** Inclusive; undefined for an open range ("300-"). */
  last: number | undefined;
}

/** A normalised set of 1-based context indices: sorted, non-overlapping ranges. */
export class ContextRanges {
  private constructor(readonly ranges: readonly ContextRange[]) {}

  static fromRanges(ranges: readonly ContextRange[]): ContextRanges {
    return new ContextRanges(normalise(ranges));
  }

  static fromIndices(indices: Iterable<number>): ContextRanges {
    return new ContextRanges(normalise([...indices].map((i) => ({ first: i, last: i }))));
  }

  /**
   * Parses "N", "A-B", "A-" (to the end) and "-B" (from 1), comma separated,
   * spaces allowed around items. InputError on anything else.
   */
  static parse(text: string, optionName = '-c'): ContextRanges {
    const bad = (item: string, why: string) =>
      new InputError(`${optionName} "${text}": ${why} in "${item}" (expected N, A-B, A- or -B with 1-based context numbers, comma separated)`);
    const items = text.split(',').map((item) => item.trim());
    if (items.length === 1 && items[0] === '') throw new InputError(`${optionName}: empty context range`);
    const ranges: ContextRange[] = [];
    for (const item of items) {
      const match = /^(\d*)\s*(-?)\s*(\d*)$/.exec(item);
      if (!match || item === '' || item === '-') throw bad(item, 'bad syntax');
      const [, firstText = '', dash, lastText = ''] = match;
      if (!dash && lastText !== '') throw bad(item, 'bad syntax');
      const first = firstText === '' ? 1 : toIndex(firstText);
      const last = dash ? (lastText === '' ? undefined : toIndex(lastText)) : first;
      if (first === undefined || (dash && lastText !== '' && last === undefined)) {
        throw bad(item, 'context numbers start at 1');
      }
      if (last !== undefined && last < first) throw bad(item, 'range ends before it starts');
      ranges.push({ first, last });
    }
    return new ContextRanges(normalise(ranges));
  }

  has(index: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = this.ranges[mid]!;
      if (index < range.first) hi = mid - 1;
      else if (range.last !== undefined && index > range.last) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** The selected indices up to `count` (the number of contexts in the file), ascending. */
  toSortedList(count: number): number[] {
    const out: number[] = [];
    for (const range of this.ranges) {
      const last = Math.min(range.last ?? count, count);
      for (let i = range.first; i <= last; i++) out.push(i);
    }
    return out;
  }

  /** The canonical text form, e.g. "1-100,205,300-". */
  toString(): string {
    return this.ranges
      .map((r) => (r.last === r.first ? `${r.first}` : `${r.first}-${r.last ?? ''}`))
      .join(',');
  }
}

export function parseContextRanges(text: string, optionName = '-c'): ContextRanges {
  return ContextRanges.parse(text, optionName);
}

export interface Partition {
  /** 1-based partition number. */
  index: number;
  count: number;
}

/** Parses "I/N" with 1 ≤ I ≤ N. */
export function parsePartition(text: string, optionName = '--partition'): Partition {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new InputError(`${optionName} "${text}": expected I/N, e.g. 2/4`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new InputError(`${optionName} "${text}": need 1 <= I <= N`);
  }
  return { index, count };
}

/** The partition (1-based) that context `contextIndex` belongs to among `count`. */
export function partitionOf(contextIndex: number, count: number): number {
  return ((contextIndex - 1) % count) + 1;
}

export function inPartition(contextIndex: number, partition: Partition): boolean {
  return partitionOf(contextIndex, partition.count) === partition.index;
}

export interface ContextSelectionSpec {
  ranges?: ContextRanges;
  /** Indices from an .mcl file. */
  list?: Iterable<number>;
  partition?: Partition;
}

/**
 * One predicate for everything that narrows a replay: ranges, a list and a
 * partition must all agree (an absent one admits everything).
 */
export function contextSelector(spec: ContextSelectionSpec): (index: number) => boolean {
  const listed = spec.list ? new Set(spec.list) : undefined;
  const { ranges, partition } = spec;
  return (index) =>
    (ranges === undefined || ranges.has(index)) &&
    (listed === undefined || listed.has(index)) &&
    (partition === undefined || inPartition(index, partition));
}

/** Merges ascending index lists (e.g. failing contexts of each partition) into one ascending list. */
export function mergeSortedIndexLists(lists: readonly (readonly number[])[]): number[] {
  return lists.flat().sort((a, b) => a - b);
}

function toIndex(text: string): number | undefined {
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function normalise(ranges: readonly ContextRange[]): ContextRange[] {
  for (const r of ranges) {
    if (!Number.isSafeInteger(r.first) || r.first < 1 || (r.last !== undefined && (!Number.isSafeInteger(r.last) || r.last < r.first))) {
      throw new RangeError(`bad context range ${r.first}-${r.last ?? ''}`);
    }
  }
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const out: ContextRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && (prev.last === undefined || r.first <= prev.last + 1)) {
      if (prev.last !== undefined) prev.last = r.last === undefined ? undefined : Math.max(prev.last, r.last);
    } else {
      out.push({ first: r.first, last: r.last });
    }
  }
  return out;
}
