/**
 * DIR/report.html: one self-contained page with the run's totals, a sortable
 * and filterable table of the methods with diffs, and per method its
 * explanations, differences and the two listings side by side (base on the
 * left, diff on the right; removed lines red, added green, changed words
 * highlighted, relabelled lines yellow, long unchanged runs folded).
 */

import { classCounts, type AsmDiffsReport, type MethodDiffRow } from './asmdiffs-result.js';
import { codeSizeSummary, formatPercent, percentOfBase, totalsLines } from './code-size-summary.js';
import { DIFFERENCE_CLASSES } from './difference.js';
import { escapeHtml } from './html-escape.js';
import { signed } from './list-difference.js';
import { REPORT_CSP, REPORT_CSS, REPORT_SCRIPT } from './report-assets.js';
import { changedWords, foldUnchanged, sideBySideRows, type SideEntry, type SideLine, type SideRow } from './side-by-side.js';

/** The two .dasm texts of a context, when they were written. */
export type ListingSource = (context: number) => { base?: string; diff?: string };

/** Methods shown with their listings; the table lists every method. */
export const MAX_REPORT_LISTINGS = 200;
/** Methods listed in the table. */
export const MAX_REPORT_ROWS = 5000;

const e = escapeHtml;

function deltaClass(delta: number): string {
  return delta > 0 ? 'regressed' : delta < 0 ? 'improved' : '';
}

function header(report: AsmDiffsReport): string {
  const t = report.totals;
  const size = codeSizeSummary(report.rows, 0);
  const counts = classCounts(report.rows);
  const jit = (j: AsmDiffsReport['baseJit']): string => `<code>${e(j.spec)}</code> (JIT-EE interface ${e(j.interfaceVersion)})`;
  const overallDelta = t.diffBytes - t.baseBytes;
  return `<header>
<h1>asmdiffs: ${e(report.baseJit.name)} vs ${e(report.diffJit.name)}</h1>
<div>Collection <code>${e(report.file)}</code> (${e(report.mode)} mode). Base JIT ${jit(report.baseJit)}, diff JIT ${jit(report.diffJit)}.</div>
<table class="grid totals-table"><thead><tr><th>contexts</th><th>compiled by both</th><th>with diffs</th><th>identical</th><th>failed</th><th>missing</th><th>corrupt</th><th>seconds</th></tr></thead>
<tbody><tr><td>${t.contexts}</td><td>${t.compiled}</td><td>${t.diffs}</td><td>${t.compiled - t.diffs}</td><td>${t.failed}</td><td>${t.missing}</td><td>${t.corrupt}</td><td>${report.seconds.toFixed(1)}</td></tr></tbody></table>
<div>Over all contexts compiled by both: base ${t.baseBytes} bytes, diff ${t.diffBytes} bytes, delta <span class="${deltaClass(overallDelta)}">${signed(overallDelta)}</span> (${formatPercent(percentOfBase(overallDelta, t.baseBytes))} % of base).</div>
<pre class="totals">${e(totalsLines(size).join('\n'))}</pre>
<div>${size.improved} improved, ${size.regressed} regressed, ${size.unchanged} unchanged in size.
Methods per difference class: ${DIFFERENCE_CLASSES.map((c) => `${e(c)} <b>${counts[c]}</b>`).join(', ')}.</div>
</header>`;
}

function methodTable(rows: readonly MethodDiffRow[], linked: ReadonlySet<number>): string {
  if (rows.length === 0) return '<nav><p>No diffs: every context compiled by both JITs gave the same code and info.</p></nav>';
  const shown = rows.slice(0, MAX_REPORT_ROWS);
  const body = shown.map((r) => {
    const name = linked.has(r.context) ? `<a href="#ctx-${r.context}">${e(r.method)}</a>` : e(r.method);
    const pct = percentOfBase(r.delta, r.baseBytes);
    return `<tr data-method="${e(r.method)}"><td data-value="${r.context}">${r.context}</td><td class="name">${name}</td>`
      + `<td>${r.baseBytes}</td><td>${r.diffBytes}</td><td class="${deltaClass(r.delta)}" data-value="${r.delta}">${signed(r.delta)}</td>`
      + `<td data-value="${pct}">${formatPercent(pct)} %</td><td class="cls">${r.classes.map(e).join(', ')}</td></tr>`;
  });
  const more = rows.length > shown.length ? `<p class="note">${rows.length - shown.length} more methods are in summary.json.</p>` : '';
  return `<nav>
<h2>Methods with diffs (${rows.length})</h2>
<div class="filter"><input id="filter" type="search" placeholder="Filter by method name" aria-label="Filter by method name"></div>
<table class="grid methods"><thead><tr><th class="sortable" data-type="number">context</th><th class="sortable text">method</th><th class="sortable" data-type="number">base</th><th class="sortable" data-type="number">diff</th><th class="sortable" data-type="number">delta</th><th class="sortable" data-type="number">%</th><th class="text">classes</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table>${more}
</nav>`;
}

function cell(side: 'base' | 'diff', line: SideLine | undefined, content?: string): string {
  if (line === undefined) return `<td class="no side-${side}"></td><td class="side-${side}"></td>`;
  return `<td class="no side-${side}">${line.number}</td><td class="side-${side}">${content ?? e(line.text)}</td>`;
}

function highlighted(parts: { text: string; changed: boolean }[], tag: 'del' | 'ins'): string {
  return parts.map((p) => (p.changed ? `<${tag}>${e(p.text)}</${tag}>` : e(p.text))).join('');
}

function rowHtml(row: SideRow, extra = ''): string {
  let left: string | undefined;
  let right: string | undefined;
  if (row.kind === 'changed' || row.kind === 'relabelled') {
    const words = changedWords(row.base!.text, row.diff!.text);
    left = highlighted(words.base, 'del');
    right = highlighted(words.diff, 'ins');
  }
  return `<tr class="${row.kind}${extra}">${cell('base', row.base, left)}${cell('diff', row.diff, right)}</tr>`;
}

function entriesHtml(entries: readonly SideEntry[], foldPrefix: string): string {
  let folds = 0;
  return entries.map((entry) => {
    if (entry.kind !== 'fold') return rowHtml(entry);
    const id = `${foldPrefix}-${folds++}`;
    const hidden = entry.rows.map((r) => rowHtml(r, ' hidden').replace('<tr ', `<tr data-in="${id}" `)).join('\n');
    return `<tr class="fold" data-fold="${id}"><td colspan="4">⋯ ${entry.rows.length} unchanged lines (click to show)</td></tr>\n${hidden}`;
  }).join('\n');
}

function listingTable(r: MethodDiffRow, base: string, diff: string, report: AsmDiffsReport): string {
  const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');
  const entries = foldUnchanged(sideBySideRows(lines(base), lines(diff)));
  return `<table class="sbs"><colgroup><col class="no"><col><col class="no"><col></colgroup>
<thead><tr><th colspan="2">base/${r.context}.dasm (${e(report.baseJit.name)})</th><th colspan="2">diff/${r.context}.dasm (${e(report.diffJit.name)})</th></tr></thead>
<tbody>
${entriesHtml(entries, `f${r.context}`)}
</tbody></table>`;
}

function methodSection(r: MethodDiffRow, listings: ListingSource, report: AsmDiffsReport, open: boolean): string {
  const { base, diff } = listings(r.context);
  const explanations = r.explanations.map((x) => `<li class="explanation">${e(x.text)}</li>`);
  const differences = r.differences.map((d) => `<li class="difference">${e(d)}</li>`);
  const table = base !== undefined && diff !== undefined
    ? listingTable(r, base, diff, report)
    : `<p class="note">Listings not available (base/${r.context}.dasm, diff/${r.context}.dasm).</p>`;
  const tags = r.classes.map((c) => `<span class="tag">${e(c)}</span>`).join('');
  return `<section class="method" id="ctx-${r.context}" data-method="${e(r.method)}"><details${open ? ' open' : ''}>
<summary>${r.context}.dasm — ${e(r.method)} — <span class="${deltaClass(r.delta)}">${signed(r.delta)} bytes</span> (${r.baseBytes} → ${r.diffBytes})${tags}</summary>
<ul>${[...explanations, ...differences].join('\n')}</ul>
${table}
</details></section>`;
}

/** Sections open by default; the rest open on a click. */
const OPEN_SECTIONS = 20;

export function formatReportHtml(report: AsmDiffsReport, listings: ListingSource): string {
  const withListings = report.rows.slice(0, MAX_REPORT_LISTINGS);
  const linked = new Set(withListings.map((r) => r.context));
  const sections = withListings.map((r, i) => methodSection(r, listings, report, i < OPEN_SECTIONS));
  const omitted = report.rows.length - withListings.length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tspmi asmdiffs: ${e(report.baseJit.name)} vs ${e(report.diffJit.name)} (${report.rows.length} diffs)</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header(report)}
${methodTable(report.rows, linked)}
<main>
${sections.join('\n')}
${omitted > 0 ? `<p class="note">Listings of ${omitted} more methods are in base/ and diff/.</p>` : ''}
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
