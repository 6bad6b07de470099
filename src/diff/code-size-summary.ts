/**
 * The code-size summary in jit-analyze's terms, over the methods with diffs:
 * totals, top regressions and improvements by bytes and by percentage, and
 * the improved / regressed / unchanged counts (unchanged = code differs but
 * the size does not).
 */

import type { MethodDiffRow } from './asmdiffs-result.js';

/** jit-analyze's default number of methods per "Top" list. */
export const TOP_METHODS = 20;

export interface CodeSizeSummary {
  readonly baseBytes: number;
  readonly diffBytes: number;
  readonly deltaBytes: number;
  /** delta / base × 100. */
  readonly deltaPercent: number;
  readonly improved: number;
  readonly regressed: number;
  readonly unchanged: number;
  readonly topRegressionsBytes: readonly MethodDiffRow[];
  readonly topImprovementsBytes: readonly MethodDiffRow[];
  readonly topRegressionsPercent: readonly MethodDiffRow[];
  readonly topImprovementsPercent: readonly MethodDiffRow[];
}

export function percentOfBase(delta: number, base: number): number {
  if (base === 0) return delta === 0 ? 0 : delta > 0 ? 100 : -100;
  return (delta / base) * 100;
}

/** Ties keep context order, so the lists are the same on every run. */
function top(rows: readonly MethodDiffRow[], keep: (r: MethodDiffRow) => boolean, key: (r: MethodDiffRow) => number, count: number): MethodDiffRow[] {
  return rows.filter(keep).sort((a, b) => key(a) - key(b) || a.context - b.context).slice(0, count);
}

export function codeSizeSummary(rows: readonly MethodDiffRow[], count = TOP_METHODS): CodeSizeSummary {
  const baseBytes = rows.reduce((s, r) => s + r.baseBytes, 0);
  const diffBytes = rows.reduce((s, r) => s + r.diffBytes, 0);
  const pct = (r: MethodDiffRow): number => percentOfBase(r.delta, r.baseBytes);
  return {
    baseBytes,
    diffBytes,
    deltaBytes: diffBytes - baseBytes,
    deltaPercent: percentOfBase(diffBytes - baseBytes, baseBytes),
    improved: rows.filter((r) => r.delta < 0).length,
    regressed: rows.filter((r) => r.delta > 0).length,
    unchanged: rows.filter((r) => r.delta === 0).length,
    topRegressionsBytes: top(rows, (r) => r.delta > 0, (r) => -r.delta, count),
    topImprovementsBytes: top(rows, (r) => r.delta < 0, (r) => r.delta, count),
    topRegressionsPercent: top(rows, (r) => r.delta > 0, (r) => -pct(r), count),
    topImprovementsPercent: top(rows, (r) => r.delta < 0, (r) => pct(r), count),
  };
}

export function formatPercent(p: number): string {
  return p.toFixed(2);
}

/** `Total bytes of …` lines and the verdict, exactly as jit-analyze prints them. */
export function totalsLines(s: CodeSizeSummary): string[] {
  const verdict = s.deltaBytes < 0 ? 'diff is an improvement.' : s.deltaBytes > 0 ? 'diff is a regression.' : 'diff has no code size change.';
  return [
    `Total bytes of base: ${s.baseBytes}`,
    `Total bytes of diff: ${s.diffBytes}`,
    `Total bytes of delta: ${s.deltaBytes} (${formatPercent(s.deltaPercent)} % of base)`,
    `    ${verdict}`,
  ];
}

/** `DELTA (PCT % of base) : N.dasm - METHOD`, the delta right-aligned. */
export function methodLine(r: MethodDiffRow): string {
  return `${String(r.delta).padStart(12)} (${formatPercent(percentOfBase(r.delta, r.baseBytes))} % of base) : ${r.context}.dasm - ${r.method}`;
}

/** The "Top method …" lists and the counts line, as jit-analyze prints them. */
export function detailLines(s: CodeSizeSummary, rows: readonly MethodDiffRow[]): string[] {
  const out: string[] = [`Found ${rows.length} files with textual diffs.`, ''];
  const list = (title: string, items: readonly MethodDiffRow[]): void => {
    if (items.length === 0) return;
    out.push(`${title}:`, ...items.map(methodLine), '');
  };
  list('Top method regressions (bytes)', s.topRegressionsBytes);
  list('Top method improvements (bytes)', s.topImprovementsBytes);
  list('Top method regressions (percentages)', s.topRegressionsPercent);
  list('Top method improvements (percentages)', s.topImprovementsPercent);
  out.push(`${s.improved + s.regressed} total methods with Code Size differences (${s.improved} improved, ${s.regressed} regressed), ${s.unchanged} unchanged.`);
  return out;
}
