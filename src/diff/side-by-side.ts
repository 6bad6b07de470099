/**
 * Two listings side by side: rows pairing base lines with diff lines, from
 * the `diff` package's line diff. Lines are matched by shape (alignmentKey),
 * so a renumbered label or a moved stack slot does not misalign the rest of
 * the method, and the diff stays small enough to compute quickly on methods
 * where most lines changed a little. Long unchanged runs are folded.
 */

import { diffArrays, diffWordsWithSpace } from 'diff';

export type SideRowKind = 'same' | 'relabelled' | 'changed' | 'removed' | 'added';

export interface SideLine {
  /** 1-based line number in its listing. */
  readonly number: number;
  readonly text: string;
}

export interface SideRow {
  readonly kind: SideRowKind;
  readonly base?: SideLine;
  readonly diff?: SideLine;
}

/** A run of unchanged rows hidden behind a fold. */
export interface FoldedRows {
  readonly kind: 'fold';
  readonly rows: readonly SideRow[];
}

export type SideEntry = SideRow | FoldedRows;

/** Unchanged rows kept visible around each change. */
export const CONTEXT_ROWS = 4;
/** Fewer hidden rows than this are not worth a fold. */
const MIN_FOLDED_ROWS = 4;

/**
 * The line's shape: labels, numbers (offsets, sizes, displacements,
 * immediates) and the JIT build reduced to placeholders. Lines of the same
 * shape are aligned with each other; when their text differs they are shown
 * as `relabelled`, with the differing words marked.
 */
export function alignmentKey(line: string): string {
  return line
    .replace(/^; JIT build .*/, '; JIT build')
    .replace(/G_M\d+_IG\d+/g, 'G_IG')
    .replace(/0x[0-9A-Fa-f]+|\b\d+(?:\.\d+)?\b/g, '#');
}

export function sideBySideRows(baseLines: readonly string[], diffLines: readonly string[]): SideRow[] {
  // Keys computed once: the diff compares lines many times over.
  const changes = diffArrays(baseLines.map(alignmentKey), diffLines.map(alignmentKey));
  const rows: SideRow[] = [];
  let b = 0;
  let d = 0;
  let removed: SideLine[] = [];
  const line = (lines: readonly string[], i: number): SideLine => ({ number: i + 1, text: lines[i]! });
  const flushRemoved = (added: SideLine[]): void => {
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i++) rows.push({ kind: 'changed', base: removed[i], diff: added[i] });
    for (let i = paired; i < removed.length; i++) rows.push({ kind: 'removed', base: removed[i] });
    for (let i = paired; i < added.length; i++) rows.push({ kind: 'added', diff: added[i] });
    removed = [];
  };
  for (const change of changes) {
    if (change.removed) {
      for (let i = 0; i < change.count; i++) removed.push(line(baseLines, b++));
    } else if (change.added) {
      const added: SideLine[] = [];
      for (let i = 0; i < change.count; i++) added.push(line(diffLines, d++));
      flushRemoved(added);
    } else {
      flushRemoved([]);
      for (let i = 0; i < change.count; i++) {
        const left = line(baseLines, b++);
        const right = line(diffLines, d++);
        rows.push({ kind: left.text === right.text ? 'same' : 'relabelled', base: left, diff: right });
      }
    }
  }
  flushRemoved([]);
  return rows;
}

/** Folds unchanged runs longer than twice the context, keeping CONTEXT_ROWS rows next to each change. */
export function foldUnchanged(rows: readonly SideRow[], context = CONTEXT_ROWS): SideEntry[] {
  const out: SideEntry[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== 'same') {
      out.push(rows[i++]!);
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j]!.kind === 'same') j++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = j === rows.length ? 0 : context;
    const run = rows.slice(i, j);
    if (run.length - keepBefore - keepAfter >= MIN_FOLDED_ROWS) {
      out.push(...run.slice(0, keepBefore));
      out.push({ kind: 'fold', rows: run.slice(keepBefore, run.length - keepAfter) });
      out.push(...run.slice(run.length - keepAfter));
    } else {
      out.push(...run);
    }
    i = j;
  }
  return out;
}

/** Word-level pieces of a changed pair, for highlighting within the line. */
export function changedWords(base: string, diff: string): { base: { text: string; changed: boolean }[]; diff: { text: string; changed: boolean }[] } {
  const parts = diffWordsWithSpace(base, diff);
  return {
    base: parts.filter((p) => !p.added).map((p) => ({ text: p.value, changed: p.removed })),
    diff: parts.filter((p) => !p.removed).map((p) => ({ text: p.value, changed: p.added })),
  };
}
