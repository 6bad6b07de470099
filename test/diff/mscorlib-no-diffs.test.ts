/**
 * Acceptance: on non-async code, base vs diff gives no diffs. Mono's
 * mscorlib (Debian's mono packages) has no runtime-async methods
 * (MethodImpl 0x2000), so the base and diff JITs must produce the same code
 * for every method. A deterministic subset (System.Collections.*, about
 * 1,800 methods) keeps it quick; both recording modes are checked through the
 * built CLI as a user runs it.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lastJson, tempDir, tspmi } from '../cli/helpers.js';

const monoDir = '/usr/lib/mono/4.5';
const mscorlib = join(monoDir, 'mscorlib.dll');
const present = existsSync(mscorlib);
const filter = 'System.Collections.*';

interface RecordJson {
  methods: number;
  compiled: number;
  failed: number;
  contexts: number;
}

interface AsmDiffsJson {
  contexts: number;
  diffs: number;
  baseBytes: number;
  diffBytes: number;
  failed: number;
  missing: number;
  corrupt: number;
  identical: number;
}

describe.skipIf(!present)(`mscorlib base vs diff: no diffs on non-async code${present ? '' : ` (skipped: ${monoDir} not installed)`}`, () => {
  let dir = '';

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir('tspmi-mscorlib-');
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const mode of ['jit', 'r2r'] as const) {
    it(`${mode} mode, ${filter}`, () => {
      const mch = join(dir, `m-${mode}.mch`);
      const rec = tspmi(
        ['record', mscorlib, '--ref', monoDir, '--jit', 'base', '--jit', 'diff', '--mode', mode, '--filter', filter, '-o', mch, '--json'],
        { timeoutMs: 120_000 },
      );
      expect(rec.status, rec.stderr).toBe(0);
      const recorded = lastJson<RecordJson>(rec.stdout);
      expect(recorded.failed).toBe(0);
      expect(recorded.contexts).toBeGreaterThan(500);

      const diff = tspmi(['asmdiffs', mch, '-o', join(dir, `out-${mode}`), '--json'], { timeoutMs: 120_000 });
      expect(diff.status, diff.stderr).toBe(0);
      const summary = lastJson<AsmDiffsJson>(diff.stdout);
      expect(summary.contexts).toBe(recorded.contexts);
      expect(summary.contexts).toBeGreaterThan(500);
      expect(summary.diffs).toBe(0);
      expect(summary.missing).toBe(0);
      expect(summary.failed).toBe(0);
      expect(summary.corrupt).toBe(0);
      expect(summary.identical).toBe(summary.contexts);
      expect(summary.baseBytes).toBeGreaterThan(0);
      expect(summary.baseBytes).toBe(summary.diffBytes);
    }, 180_000);
  }
});
