/**
 * DIR/summary.md: the jit-analyze markdown layout (totals visible, the top
 * lists folded under <details>), then what tspmi adds: the run's counts,
 * differences per class and the explanations per method.
 */

import { classCounts, type AsmDiffsReport, type JitDescription, type MethodDiffRow } from './asmdiffs-result.js';
import { codeSizeSummary, detailLines, formatPercent, percentOfBase, totalsLines } from './code-size-summary.js';
import { DIFFERENCE_CLASSES } from './difference.js';
import { signed } from './list-difference.js';

/** Text safe inside markdown prose: HTML-significant characters as entities, markdown punctuation escaped. */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

/** Inline code: the fence is longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence cannot occur in the text. */
function fenced(lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
}

function jitText(j: JitDescription): string {
  const options = Object.entries(j.options).map(([k, v]) => `${k}=${v}`);
  return `${markdownCode(j.spec)} (${markdownText(j.name)}, JIT-EE interface ${markdownText(j.interfaceVersion)}${options.length > 0 ? `, options ${markdownCode(options.join(' '))}` : ''})`;
}

function runTable(report: AsmDiffsReport): string[] {
  const t = report.totals;
  const identical = t.compiled - t.diffs;
  return [
    '| contexts | compiled by both | with diffs | identical | failed | missing | corrupt | seconds |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${t.contexts} | ${t.compiled} | ${t.diffs} | ${identical} | ${t.failed} | ${t.missing} | ${t.corrupt} | ${report.seconds.toFixed(1)} |`,
  ];
}

function overallLine(report: AsmDiffsReport): string {
  const t = report.totals;
  const delta = t.diffBytes - t.baseBytes;
  return `Over all ${t.compiled} contexts compiled by both JITs: base ${t.baseBytes} bytes, diff ${t.diffBytes} bytes, `
    + `delta ${signed(delta)} (${formatPercent(percentOfBase(delta, t.baseBytes))} % of base).`;
}

/** Context numbers, the first few. */
function contextList(contexts: readonly number[], shown = 20): string {
  return contexts.slice(0, shown).join(', ') + (contexts.length > shown ? `, … (${contexts.length - shown} more)` : '');
}

function runNotes(report: AsmDiffsReport): string[] {
  const t = report.totals;
  const notes: string[] = [];
  if (t.identicalRenamed > 0) {
    notes.push(`${t.identicalRenamed} identical contexts name some relocation targets differently at the same address (for instance a method entry point in base, a helper in diff): ${contextList(t.identicalRenamedContexts)}.`);
  }
  if (t.failed > 0) notes.push(`Compile failures (either JIT): contexts ${contextList(t.failedContexts)}.`);
  if (t.missing > 0) notes.push(`Missing data (either JIT): contexts ${contextList(t.missingContexts)}.`);
  if (t.corrupt > 0) notes.push(`Damaged records: contexts ${contextList(t.corruptContexts)}.`);
  return notes.flatMap((n) => [n, '']);
}

function classTable(rows: readonly MethodDiffRow[]): string[] {
  const counts = classCounts(rows);
  return [
    '| difference class | methods |',
    '| --- | ---: |',
    ...DIFFERENCE_CLASSES.map((c) => `| ${c} | ${counts[c]} |`),
  ];
}

function explanationItems(rows: readonly MethodDiffRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    out.push(`- ${markdownCode(`${r.context}.dasm`)} ${markdownText(r.method)}: ${signed(r.delta)} bytes (${r.classes.join(', ')})`);
    for (const e of r.explanations) out.push(`  - ${markdownText(e.text)}`);
    if (r.explanations.length === 0) for (const d of r.differences) out.push(`  - ${markdownText(d)}`);
  }
  return out;
}

/** At most this many methods are listed with explanations; summary.json has them all. */
export const MAX_EXPLAINED_METHODS = 1000;

export function formatSummaryMarkdown(report: AsmDiffsReport): string {
  const rows = report.rows;
  const size = codeSizeSummary(rows);
  const explained = rows.slice(0, MAX_EXPLAINED_METHODS);
  const lines = [
    '# tspmi asmdiffs',
    '',
    `Collection ${markdownCode(report.file)} (${report.mode} mode).`,
    `Base JIT ${jitText(report.baseJit)}; diff JIT ${jitText(report.diffJit)}.`,
    '',
    ...runTable(report),
    '',
    overallLine(report),
    '',
    ...runNotes(report),
    'Summary of Code Size diffs:',
    '(Lower is better)',
    '',
    ...fenced(totalsLines(size)),
    '',
    '<details>',
    '',
    '<summary>Detail diffs</summary>',
    '',
    ...fenced(detailLines(size, rows)),
    '',
    '</details>',
    '',
    '## Differences by class',
    '',
    ...classTable(rows),
    '',
    '## Explanations',
    '',
    '<details>',
    '',
    `<summary>${rows.length} methods with diffs</summary>`,
    '',
    ...(rows.length === 0 ? ['No diffs.'] : explanationItems(explained)),
    ...(rows.length > explained.length ? ['', `… and ${rows.length - explained.length} more methods (see summary.json).`] : []),
    '',
    '</details>',
    '',
  ];
  return lines.join('\n');
}
