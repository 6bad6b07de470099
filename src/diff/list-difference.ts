/**
 * Describing how two lists of entries (EH clauses, safe points, mappings…)
 * differ, in a few lines a person can read.
 */

/** At most this many differing entries are spelled out per list. */
export const MAX_DETAIL_LINES = 4;

export interface ListComparison {
  readonly equal: boolean;
  /** Lines naming the differing entries (empty when equal). */
  readonly lines: string[];
}

/**
 * Compares entry by entry. `what` names the list in the singular ("EH
 * clause"); `format` prints one entry.
 */
export function compareLists<T>(
  what: string,
  base: readonly T[],
  diff: readonly T[],
  equal: (a: T, b: T) => boolean,
  format: (entry: T) => string,
): ListComparison {
  const lines: string[] = [];
  if (base.length !== diff.length) lines.push(`${base.length} ${plural(what, base.length)} in base, ${diff.length} in diff`);
  const n = Math.max(base.length, diff.length);
  let differing = 0;
  for (let i = 0; i < n; i++) {
    const a = base[i];
    const b = diff[i];
    if (a !== undefined && b !== undefined && equal(a, b)) continue;
    differing++;
    if (differing > MAX_DETAIL_LINES) continue;
    const left = a === undefined ? '(none)' : format(a);
    const right = b === undefined ? '(none)' : format(b);
    lines.push(`${what} #${i + 1}: ${left} → ${right}`);
  }
  if (differing > MAX_DETAIL_LINES) lines.push(`… and ${differing - MAX_DETAIL_LINES} more`);
  return { equal: lines.length === 0, lines };
}

export function plural(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

/** Signed decimal, e.g. `+12`, `-4`, `0`. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function hexOffset(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
}
