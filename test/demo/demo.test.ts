import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = new URL('../../bin/tspmi.js', import.meta.url).pathname;

function runDemoJson(): any {
  const out = execFileSync(process.execPath, [cli, 'demo', '--json'], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

describe('tspmi demo', () => {
  const summary = runDemoJson();

  it('finds the runtime-async methods of the bundled sample', () => {
    expect(summary.asyncMethods).toBeGreaterThan(0);
    expect(summary.asyncMethods).toBeLessThanOrEqual(summary.methods);
  });

  it('jit mode: every helper resolves to the very address of its AsyncHelpers method', () => {
    const jit = summary.modes.jit;
    expect(jit.operations).toBe(6);
    expect(jit.sameTarget).toBe(6);
    for (const b of jit.bindings) {
      expect(b.baseEntry).toBe(b.diffEntry);
      expect(b.baseMethod).toContain(`AsyncHelpers:${b.operation}(`);
    }
  });

  it('r2r mode: MethodEntry import cells in base, Helper import cells in diff', () => {
    const r2r = summary.modes.r2r;
    expect(r2r.sameTarget).toBe(0);
    for (const b of r2r.bindings) {
      expect(b.baseFixup).toMatch(/^READYTORUN_FIXUP_MethodEntry/);
      expect(b.diffFixup).toBe('READYTORUN_FIXUP_Helper');
      expect(b.baseEntry).not.toBe(b.diffEntry);
    }
  });
});
