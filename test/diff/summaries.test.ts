import { describe, expect, it } from 'vitest';
import { codeSizeSummary, methodLine } from '../../src/diff/code-size-summary.js';
import { formatSummaryMarkdown, markdownCode, markdownText } from '../../src/diff/summary-md.js';
import { summaryJson, summaryTotalsJson } from '../../src/diff/summary-json.js';
import type { MethodDiffRow } from '../../src/diff/asmdiffs-result.js';
import { sampleRun } from './sample-report.js';

function row(context: number, baseBytes: number, diffBytes: number, method = `M${context}`): MethodDiffRow {
  return { context, method, baseBytes, diffBytes, delta: diffBytes - baseBytes, classes: ['code'], differences: [], explanations: [] };
}

describe('code size summary (jit-analyze terms)', () => {
  const rows = [row(1, 100, 112), row(2, 200, 196), row(3, 50, 50), row(4, 10, 20), row(5, 400, 380)];

  it('totals over the differing methods and counts unchanged sizes as unchanged', () => {
    const s = codeSizeSummary(rows);
    expect([s.baseBytes, s.diffBytes, s.deltaBytes]).toEqual([760, 758, -2]);
    expect([s.improved, s.regressed, s.unchanged]).toEqual([2, 2, 1]);
  });

  it('orders top lists by bytes and by percentage', () => {
    const s = codeSizeSummary(rows);
    expect(s.topRegressionsBytes.map((r) => r.context)).toEqual([1, 4]);
    expect(s.topRegressionsPercent.map((r) => r.context)).toEqual([4, 1]);
    expect(s.topImprovementsBytes.map((r) => r.context)).toEqual([5, 2]);
    expect(s.topImprovementsPercent.map((r) => r.context)).toEqual([5, 2]);
  });

  it('prints a method line as DELTA (PCT % of base) : N.dasm - METHOD', () => {
    expect(methodLine(row(12, 200, 196, 'Program:Main():int'))).toBe('          -4 (-2.00 % of base) : 12.dasm - Program:Main():int');
  });
});

describe('summary.md', () => {
  const { report } = sampleRun();
  const md = formatSummaryMarkdown(report);
  const lines = md.split('\n');

  it('has the totals lines in the jit-analyze form, outside any <details>', () => {
    const base = report.rows.reduce((s, r) => s + r.baseBytes, 0);
    const diff = report.rows.reduce((s, r) => s + r.diffBytes, 0);
    const pct = (((diff - base) / base) * 100).toFixed(2);
    for (const expected of [`Total bytes of base: ${base}`, `Total bytes of diff: ${diff}`, `Total bytes of delta: ${diff - base} (${pct} % of base)`]) {
      expect(lines).toContain(expected);
      expect(lines.indexOf(expected)).toBeLessThan(lines.indexOf('<details>'));
    }
    expect(lines).toContain('Summary of Code Size diffs:');
    expect(lines).toContain('(Lower is better)');
  });

  it('folds the top lists and counts under <details>', () => {
    const open = lines.indexOf('<details>');
    const summary = lines.indexOf('<summary>Detail diffs</summary>');
    const close = lines.indexOf('</details>');
    expect(open).toBeGreaterThan(0);
    expect(summary).toBeGreaterThan(open);
    expect(close).toBeGreaterThan(summary);
    const inside = lines.slice(summary, close);
    expect(inside).toContain('Top method improvements (bytes):');
    expect(inside.some((l) => / : 7\.dasm - Fixtures\.Async\.<Main>d__0:MoveNext\(\):this$/.test(l))).toBe(true);
    expect(inside).toContain('2 total methods with Code Size differences (2 improved, 0 regressed), 1 unchanged.');
  });

  it('counts methods per difference class', () => {
    expect(lines).toContain('| relocation target only | 1 |');
    expect(lines).toContain('| code | 2 |');
    expect(lines).toContain('| eh | 0 |');
  });

  it('lists the explanations, escaped for markdown', () => {
    expect(md).toContain('`7.dasm` Fixtures.Async.&lt;Main&gt;d\\_\\_0:MoveNext():this: -5 bytes');
    expect(md).toMatch(/context operation CaptureContexts \(method start\) inlined in base, called as helper CORINFO\\_HELP\\_ASYNC\\_CAPTURE\\_CONTEXTS in diff: -\d+ bytes/);
    expect(md).toContain('through a MethodEntry import cell in base');
  });

  it('names the collection, both JITs and the run counts', () => {
    expect(md).toContain('Collection `recordings/async-r2r.mch` (r2r mode).');
    expect(md).toContain('options `JitNoInline=1`');
    expect(md).toContain('| 20 | 17 | 3 | 14 | 1 | 2 | 0 | 1.3 |');
    expect(md).toContain('Compile failures (either JIT): contexts 5.');
    expect(md).toContain('Missing data (either JIT): contexts 11, 12.');
    expect(md).toContain('1 identical contexts name some relocation targets differently at the same address');
  });

  it('escapes markdown and picks code fences longer than the text’s backticks', () => {
    expect(markdownText('a<b>_*')).toBe('a&lt;b&gt;\\_\\*');
    expect(markdownCode('x`y')).toBe('``x`y``');
  });
});

describe('summary.json', () => {
  const { report } = sampleRun();

  it('has the DESIGN.md asmdiffs fields and a row per differing method', () => {
    const json = JSON.parse(JSON.stringify(summaryJson(report))) as Record<string, any>;
    for (const field of ['contexts', 'diffs', 'baseBytes', 'diffBytes', 'failed', 'missing', 'seconds']) expect(json, field).toHaveProperty(field);
    expect(json).toMatchObject({ contexts: 20, diffs: 3, failed: 1, missing: 2, compiled: 17, identical: 14, identicalRenamed: 1, mode: 'r2r' });
    expect(json.baseBytes).toBe(report.totals.baseBytes);
    expect(json.classes).toMatchObject({ code: 2, 'relocation target only': 1, eh: 0 });
    expect(json.changed).toMatchObject({ improved: 2, regressed: 0, unchanged: 1 });
    expect(json.methods).toHaveLength(3);
    const m = json.methods[2];
    expect(m).toMatchObject({ context: 9, method: 'Fixtures.Async.Catalog:Restore():this', delta: 0, classes: ['relocation target only'], baseDasm: 'base/9.dasm', diffDasm: 'diff/9.dasm' });
    expect(m.baseBytes).toBe(m.diffBytes);
    expect(m.explanations).toHaveLength(2);
    expect(m.explanations[0]).toMatch(/^context operation CaptureContexts/);
  });

  it('keeps the per-method rows out of the --json line', () => {
    expect(summaryTotalsJson(report)).not.toHaveProperty('methods');
  });
});
