import { describe, expect, it } from 'vitest';
import {
  ContextRanges,
  contextSelector,
  inPartition,
  mergeSortedIndexLists,
  parseContextRanges,
  parsePartition,
  partitionOf,
} from '../../src/mc/context-ranges.js';
import { InputError } from '../../src/util/errors.js';

describe('context ranges (-c)', () => {
  it('parses single numbers, closed, open and leading ranges', () => {
    const r = parseContextRanges('1-100,205,300-');
    expect(r.has(1)).toBe(true);
    expect(r.has(100)).toBe(true);
    expect(r.has(101)).toBe(false);
    expect(r.has(205)).toBe(true);
    expect(r.has(299)).toBe(false);
    expect(r.has(300)).toBe(true);
    expect(r.has(1_000_000)).toBe(true);
    expect(r.toString()).toBe('1-100,205,300-');
    expect(parseContextRanges('-3').toSortedList(10)).toEqual([1, 2, 3]);
  });

  it('normalises: sorts, merges overlaps and neighbours, tolerates spaces', () => {
    const r = parseContextRanges(' 10-12 , 3, 4 ,5-6, 11-20, 2 ');
    expect(r.toString()).toBe('2-6,10-20');
    expect(parseContextRanges('5-,1-7').toString()).toBe('1-');
  });

  it('lists the selected indices up to the number of contexts', () => {
    expect(parseContextRanges('2-4,8-').toSortedList(10)).toEqual([2, 3, 4, 8, 9, 10]);
    expect(parseContextRanges('20-30').toSortedList(10)).toEqual([]);
    expect(ContextRanges.fromIndices([9, 1, 2, 3, 9]).toString()).toBe('1-3,9');
  });

  it('rejects bad syntax with an InputError that shows the text', () => {
    for (const bad of ['', ',', 'a', '1-2-3', '0', '0-5', '5-3', '1,,2', '--3', '1 2', '1.5', '-']) {
      expect(() => parseContextRanges(bad), JSON.stringify(bad)).toThrow(InputError);
    }
    expect(() => parseContextRanges('5-3')).toThrow(/-c "5-3": range ends before it starts in "5-3"/);
    expect(() => parseContextRanges('x', '--contexts')).toThrow(/^--contexts "x": bad syntax/);
  });
});

describe('partitions (--partition I/N)', () => {
  it('parses I/N', () => {
    expect(parsePartition('2/4')).toEqual({ index: 2, count: 4 });
    expect(parsePartition(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/2/3', '-1/2']) {
      expect(() => parsePartition(bad), bad).toThrow(InputError);
    }
  });

  it('interleaves: context i goes to ((i-1) mod N)+1', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((i) => partitionOf(i, 3))).toEqual([1, 2, 3, 1, 2, 3, 1]);
  });

  it('puts every context in exactly one partition, so merged results equal the unpartitioned one', () => {
    const contexts = 1000;
    const failing = new Set([3, 17, 18, 500, 999]);
    const ranges = parseContextRanges('1-600,900-');
    const run = (select: (i: number) => boolean) => {
      const chosen: number[] = [];
      for (let i = 1; i <= contexts; i++) if (select(i)) chosen.push(i);
      return { contexts: chosen.length, failed: chosen.filter((i) => failing.has(i)) };
    };
    const whole = run(contextSelector({ ranges }));
    for (const count of [1, 2, 3, 7, 16]) {
      const parts = Array.from({ length: count }, (_, k) => run(contextSelector({ ranges, partition: { index: k + 1, count } })));
      expect(parts.reduce((n, p) => n + p.contexts, 0)).toBe(whole.contexts);
      expect(mergeSortedIndexLists(parts.map((p) => p.failed))).toEqual(whole.failed);
      for (let i = 1; i <= contexts; i++) {
        expect(parts.filter((_, k) => inPartition(i, { index: k + 1, count })).length).toBe(1);
      }
    }
  });

  it('combines ranges, an .mcl list and a partition', () => {
    const select = contextSelector({ ranges: parseContextRanges('1-10'), list: [2, 3, 4, 11], partition: { index: 2, count: 2 } });
    expect([...Array(12).keys()].map((i) => i + 1).filter(select)).toEqual([2, 4]);
    expect(contextSelector({})(123)).toBe(true);
  });
});
