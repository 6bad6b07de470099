/**
 * Missing data between the two interface versions. A collection recorded
 * with one JIT and replayed with the other reports each question the
 * recording cannot answer (exit 3); recorded with both, neither misses
 * anything.
 *
 * The async-asker test JITs (data/async-asker*.mjs) ask exactly the
 * questions that differ between base and diff (getAsyncInfo's method-handle
 * fields; the CORINFO_HELP_ASYNC_* helpers), so the harness is checked now.
 * The same checks with the built-in JITs need the model JIT's runtime-async
 * transformation (base calling through getAsyncInfo's method handles, diff
 * through the helpers): until it exists both builds ask identical questions,
 * so those tests are skipped.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASYNC_HELPER_NAMES } from '../../src/jitee/index.js';
import { asyncSamples, ensureBuilt, record, tempDir, testJitsDir, tspmi, tspmiJson, type ReplayJson } from './helpers.js';

const dir = tempDir();
const baseAsker = join(testJitsDir, 'async-asker-base.mjs');
const diffAsker = join(testJitsDir, 'async-asker-diff.mjs');

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recorded with the base JIT only, replayed with the diff JIT', () => {
  for (const mode of ['jit', 'r2r'] as const) {
    it(`exits 3 and names the missing getHelperFtn(CORINFO_HELP_ASYNC_*) query of each context (${mode} mode)`, () => {
      const file = join(dir, `base-only-${mode}.mch`);
      const recorded = record(file, [asyncSamples], { mode, jits: [baseAsker] });
      expect(recorded.interfaceVersions).toEqual(['base']);
      const r = tspmi(['replay', file, '--jit', diffAsker]);
      expect(r.status).toBe(3);
      const missingLines = r.stdout.split('\n').filter((l) => /^#\d+ .*: missing /.test(l));
      expect(missingLines).toHaveLength(recorded.contexts);
      // The first async helper the diff JIT asks for is the first query the recording lacks.
      for (const line of missingLines) expect(line).toMatch(/^#\d+ .+: missing getHelperFtn\(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS\)$/);
      expect(r.stdout).toContain('Note: the collection was recorded for interface version base, not diff');
      const json = tspmiJson<ReplayJson>(['replay', file, '--jit', diffAsker], 3);
      expect(json.missingQueries).toEqual({ 'getHelperFtn(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS)': recorded.contexts });
    });
  }

  it('recorded with the diff JIT only, the base JIT misses the method-handle fields of getAsyncInfo', () => {
    const file = join(dir, 'diff-only.mch');
    record(file, [asyncSamples], { jits: [diffAsker] });
    const r = tspmi(['replay', file, '--jit', baseAsker, '-c', '1']);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/: missing getAsyncInfo\(\) \(fields captureExecutionContextMethHnd, .*restoreContextsOnSuspensionMethHnd\)$/m);
  });
});

describe('recorded with both JITs', () => {
  it.each(['jit', 'r2r'] as const)('replays with either JIT without missing data (%s mode)', (mode) => {
    const file = join(dir, `both-${mode}.mch`);
    record(file, [asyncSamples], { mode, jits: [baseAsker, diffAsker] });
    for (const jit of [baseAsker, diffAsker]) {
      const r = tspmiJson<ReplayJson>(['replay', file, '--jit', jit, '--compare-recorded'], [0, 1]);
      expect(r.missing).toBe(0);
      expect(r.mismatched).toBe(0);
    }
  });
});

/**
 * Whether the built-in diff JIT asks for the async helpers yet: records the
 * async sample with it and looks for a CORINFO_HELP_ASYNC_* record.
 */
function asyncTransformationPresent(): boolean {
  ensureBuilt();
  const file = join(dir, 'probe.mch');
  record(file, [asyncSamples], { jits: ['diff'] });
  const dump = tspmi(['mcs', 'dump', file]);
  return ASYNC_HELPER_NAMES.some((name) => dump.stdout.includes(`getHelperFtn(${name})`));
}

const transformation = asyncTransformationPresent();

describe.skipIf(!transformation)('with the built-in JITs (skipped: the model JIT has no runtime-async transformation yet)', () => {
  it.each(['jit', 'r2r'] as const)('base-only recording replayed with diff: exit 3, each missing async helper named (%s mode)', (mode) => {
    const file = join(dir, `builtin-base-${mode}.mch`);
    record(file, [asyncSamples], { mode, jits: ['base'] });
    const r = tspmi(['replay', file, '--jit', 'diff']);
    expect(r.status).toBe(3);
    const named = r.stdout.split('\n').filter((l) => / missing getHelperFtn\(CORINFO_HELP_ASYNC_[A-Z_]+\)$/.test(l));
    expect(named.length).toBeGreaterThan(0);
    const json = tspmiJson<ReplayJson>(['replay', file, '--jit', 'diff'], 3);
    for (const query of Object.keys(json.missingQueries)) expect(query).toMatch(/^getHelperFtn\(CORINFO_HELP_ASYNC_[A-Z_]+\)$/);
  });

  it.each(['jit', 'r2r'] as const)('recorded with both: zero missing for either (%s mode)', (mode) => {
    const file = join(dir, `builtin-both-${mode}.mch`);
    record(file, [asyncSamples], { mode });
    for (const jit of ['base', 'diff']) expect(tspmiJson<ReplayJson>(['replay', file, '--jit', jit], [0, 1]).missing).toBe(0);
  });
});
