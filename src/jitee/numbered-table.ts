/**
 * Numbered tables (name ↔ id) and the compatibility check between two
 * versions of one. Both CorInfoHelpFunc and the ReadyToRun helper ids are such
 * tables. Between an old and a new version of a table:
 *
 * - a break is an id whose meaning changed: the same id now names a different
 *   entry (`reassigned`), an entry now has a different id (`renumbered`), or an
 *   entry is gone (`removed`). Anything compiled against the old table (a
 *   ReadyToRun image, a recorded collection keyed by number) misreads it.
 * - an `appended` entry is a new name at an id the old table did not use: old
 *   consumers never mention it, so it is safe.
 */

export interface NumberedEntry {
  readonly name: string;
  readonly id: number;
}

export interface NumberedTable {
  /** What the table is, for messages (e.g. "CorInfoHelpFunc (base)"). */
  readonly title: string;
  readonly entries: readonly NumberedEntry[];
}

export type TableChange =
  | { readonly kind: 'reassigned'; readonly id: number; readonly oldName: string; readonly newName: string }
  | { readonly kind: 'renumbered'; readonly name: string; readonly oldId: number; readonly newId: number }
  | { readonly kind: 'removed'; readonly name: string; readonly id: number }
  | { readonly kind: 'appended'; readonly name: string; readonly id: number };

export interface TableComparison {
  readonly oldTitle: string;
  readonly newTitle: string;
  /** True when there are no breaks (appends are fine). */
  readonly compatible: boolean;
  /** reassigned, renumbered and removed entries, in id order of the old table. */
  readonly breaks: readonly TableChange[];
  /** appended entries, in id order. */
  readonly appended: readonly TableChange[];
}

/** Throws when a table repeats a name or an id. */
export function checkTable(table: NumberedTable): void {
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const e of table.entries) {
    if (names.has(e.name)) throw new Error(`${table.title}: name ${e.name} appears twice`);
    if (ids.has(e.id)) throw new Error(`${table.title}: id ${e.id} appears twice`);
    names.add(e.name);
    ids.add(e.id);
  }
}

export function compareNumberedTables(oldTable: NumberedTable, newTable: NumberedTable): TableComparison {
  const oldById = new Map(oldTable.entries.map((e) => [e.id, e.name]));
  const newById = new Map(newTable.entries.map((e) => [e.id, e.name]));
  const newByName = new Map(newTable.entries.map((e) => [e.name, e.id]));
  const oldByName = new Map(oldTable.entries.map((e) => [e.name, e.id]));

  const breaks: TableChange[] = [];
  const oldSorted = [...oldTable.entries].sort((a, b) => a.id - b.id);
  for (const e of oldSorted) {
    const nameNow = newById.get(e.id);
    if (nameNow !== undefined && nameNow !== e.name) {
      breaks.push({ kind: 'reassigned', id: e.id, oldName: e.name, newName: nameNow });
    }
    const idNow = newByName.get(e.name);
    if (idNow === undefined) {
      if (nameNow === undefined) breaks.push({ kind: 'removed', name: e.name, id: e.id });
    } else if (idNow !== e.id) {
      breaks.push({ kind: 'renumbered', name: e.name, oldId: e.id, newId: idNow });
    }
  }

  const appended: TableChange[] = [];
  const newSorted = [...newTable.entries].sort((a, b) => a.id - b.id);
  for (const e of newSorted) {
    if (!oldById.has(e.id) && !oldByName.has(e.name)) appended.push({ kind: 'appended', name: e.name, id: e.id });
  }

  return { oldTitle: oldTable.title, newTitle: newTable.title, compatible: breaks.length === 0, breaks, appended };
}

/** One line per change, e.g. `break: READYTORUN_HELPER_AllocContinuation moved 0x113 -> 0x120`. */
export function formatTableComparison(cmp: TableComparison, radix: 10 | 16 = 16): string[] {
  const n = (v: number) => (radix === 16 ? '0x' + v.toString(16) : String(v));
  const lines = [`${cmp.oldTitle} -> ${cmp.newTitle}: ${cmp.compatible ? 'compatible' : 'FORMAT BREAK'}`];
  for (const c of [...cmp.breaks, ...cmp.appended]) {
    switch (c.kind) {
      case 'reassigned':
        lines.push(`  break: id ${n(c.id)} was ${c.oldName}, now ${c.newName}`);
        break;
      case 'renumbered':
        lines.push(`  break: ${c.name} moved ${n(c.oldId)} -> ${n(c.newId)}`);
        break;
      case 'removed':
        lines.push(`  break: ${c.name} (${n(c.id)}) removed`);
        break;
      case 'appended':
        lines.push(`  appended: ${c.name} = ${n(c.id)}`);
        break;
    }
  }
  return lines;
}
