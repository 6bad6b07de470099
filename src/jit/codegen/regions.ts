/**
 * EH regions over the block layout: each clause's try range, handler range
 * and filter range, with identical ranges merged (a try with several catch
 * clauses is one region). Code generation uses them to keep each throw stub
 * inside the innermost region of the checks that jump to it, and to bind
 * every range's end after those stubs.
 */

import type { IrMethod } from '../ir/method.js';

export interface Region {
  /** Layout indexes of the first and last block. */
  readonly first: number;
  readonly last: number;
}

export interface RegionMap {
  readonly regions: readonly Region[];
  /** Innermost region of each layout position (-1: none). */
  readonly innermostAt: Int32Array;
  /** Regions ending at each layout position, innermost first. */
  readonly endingAt: readonly (readonly number[])[];
  /** Per clause: region indexes of its try, handler and filter (-1 when it has none). */
  readonly clauseRegions: readonly { readonly tryRegion: number; readonly handlerRegion: number; readonly filterRegion: number }[];
}

export function mapRegions(method: IrMethod): RegionMap {
  const position = new Int32Array(method.blocks.length).fill(-1);
  method.layout.forEach((id, i) => { position[id] = i; });
  const regions: Region[] = [];
  const byKey = new Map<string, number>();
  const regionOf = (first: number, last: number): number => {
    const key = `${first}:${last}`;
    let index = byKey.get(key);
    if (index === undefined) {
      index = regions.length;
      regions.push({ first, last });
      byKey.set(key, index);
    }
    return index;
  };
  const clauseRegions = method.clauses.map((c) => {
    const tryRegion = regionOf(position[c.tryFirst]!, position[c.tryLast]!);
    const handlerRegion = regionOf(position[c.handlerFirst]!, position[c.handlerLast]!);
    const filterRegion = c.filterFirst >= 0 ? regionOf(position[c.filterFirst]!, position[c.handlerFirst]! - 1) : -1;
    return { tryRegion, handlerRegion, filterRegion };
  });
  const count = method.layout.length;
  const innermostAt = new Int32Array(count).fill(-1);
  const span = (r: Region): number => r.last - r.first;
  regions.forEach((r, index) => {
    for (let i = r.first; i <= r.last; i++) {
      const current = innermostAt[i]!;
      if (current < 0 || span(regions[current]!) > span(r)) innermostAt[i] = index;
    }
  });
  const endingAt: number[][] = Array.from({ length: count }, () => []);
  regions.forEach((r, index) => endingAt[r.last]!.push(index));
  for (const list of endingAt) list.sort((a, b) => span(regions[a]!) - span(regions[b]!));
  return { regions, innermostAt, endingAt, clauseRegions };
}
