import { describe, expect, it } from 'vitest';
import { formatReportHtml } from '../../src/diff/report-html.js';
import { foldUnchanged, sideBySideRows } from '../../src/diff/side-by-side.js';
import { escapeHtml } from '../../src/diff/html-escape.js';
import { sampleRun } from './sample-report.js';

const { report, listings } = sampleRun();
const html = formatReportHtml(report, (context) => listings.get(context) ?? {});

describe('report.html', () => {
  it('is one self-contained page: nothing is fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toMatch(/<script>[\s\S]+<\/script>/);
  });

  it('contains both listings of every differing method, side by side', () => {
    for (const row of report.rows) {
      expect(html).toContain(`id="ctx-${row.context}"`);
      expect(html).toContain(`base/${row.context}.dasm (base)`);
      expect(html).toContain(`diff/${row.context}.dasm (diff)`);
    }
    // The changed words of a changed line are highlighted on each side.
    expect(html).toContain('call     [<del>System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts(byref,byref)</del>]      ; <del>MethodEntry</del> import cell');
    expect(html).toContain('call     [<ins>CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS</ins>]      ; <ins>Helper</ins> import cell');
    const text = html.replace(/<\/?(?:del|ins)>/g, '');
    expect(text).toContain('; JIT build base (JIT-EE interface base), ReadyToRun compilation');
    expect(text).toContain('; JIT build diff (JIT-EE interface diff), ReadyToRun compilation');
  });

  it('escapes all text', () => {
    expect(html).toContain('Fixtures.Async.&lt;Main&gt;d__0:MoveNext():this');
    expect(html).not.toContain('<Main>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows the totals and the explanations', () => {
    expect(html).toContain('Total bytes of delta:');
    expect(html).toMatch(/<li class="explanation">context operation CaptureContexts \(method start\) inlined in base/);
  });

  it('says so when there are no diffs', () => {
    const empty = formatReportHtml({ ...report, rows: [], totals: { ...report.totals, diffs: 0 } }, () => ({}));
    expect(empty).toContain('No diffs');
  });
});

describe('side by side rows', () => {
  it('pairs changed lines, keeps relabelled lines aligned and folds long unchanged runs', () => {
    const same = Array.from({ length: 20 }, (_, i) => `       mov      eax, ${i}`);
    const base = ['G_M1_IG01:          ;; offset=0x0000', ...same, '       call     [A]', 'G_M1_IG02:          ;; offset=0x0050', '       ret'];
    const diff = ['G_M1_IG01:          ;; offset=0x0000', ...same, '       call     [B]', '       nop', 'G_M1_IG03:          ;; offset=0x0051', '       ret'];
    const rows = sideBySideRows(base, diff);
    expect(rows.map((r) => r.kind).filter((k) => k !== 'same')).toEqual(['changed', 'added', 'relabelled']);
    const entries = foldUnchanged(rows);
    const fold = entries.find((e) => e.kind === 'fold');
    expect(fold).toBeDefined();
    expect(entries.length).toBeLessThan(rows.length);
  });
});
