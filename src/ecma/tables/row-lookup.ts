import type { MetadataTable } from './metadata-table.js';

/**
 * Rows of a table grouped by one column's value (a parent token or row id),
 * built on first use in one pass. The spec wants most of these tables sorted
 * by that column, but a map does not depend on writers getting that right.
 */
export class RowLookup {
  private map: Map<number, number[]> | undefined;

  constructor(
    private readonly table: MetadataTable,
    private readonly column: number,
  ) {}

  /** Row ids whose column equals `key`, in table order. */
  find(key: number): readonly number[] {
    return this.build().get(key) ?? EMPTY;
  }

  /** The first row id whose column equals `key`, or 0. */
  first(key: number): number {
    return this.build().get(key)?.[0] ?? 0;
  }

  private build(): Map<number, number[]> {
    if (this.map) return this.map;
    const map = new Map<number, number[]>();
    const t = this.table;
    for (let rid = 1; rid <= t.rowCount; rid++) {
      const key = t.get(rid, this.column);
      const list = map.get(key);
      if (list) list.push(rid);
      else map.set(key, [rid]);
    }
    this.map = map;
    return map;
  }
}

const EMPTY: readonly number[] = Object.freeze([]);
