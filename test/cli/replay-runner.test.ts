/**
 * The replay runner through the CLI: parallel workers, partitions, context
 * ranges, failure lists, repro files and the failure limit. The `quirky`
 * test JIT (data/quirky-jit.mjs, loaded by path) makes a fixed share of
 * contexts fail, miss data or throw, so every category shows up.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixturePrograms, record, tempDir, testJitsDir, tspmi, tspmiJson, type ReplayJson } from './helpers.js';

const dir = tempDir();
const file = join(dir, 'fixtures.mch');
const quirky = join(testJitsDir, 'quirky-jit.mjs');
let whole: ReplayJson;

/** Everything about a run but how long it took and how it was split up. */
function comparable(r: ReplayJson): Omit<ReplayJson, 'seconds' | 'workers'> {
  const { seconds: _seconds, workers: _workers, ...rest } = r;
  return rest;
}

beforeAll(() => {
  ensureBuilt();
  record(file, fixturePrograms, { jits: ['base'] });
  whole = tspmiJson<ReplayJson>(['replay', file, '--jit', quirky], [1, 3, 4]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tspmi replay with a JIT loaded by path', () => {
  it('classifies failures, thrown exceptions and missing data', () => {
    expect(whole.failed).toBeGreaterThan(0);
    expect(whole.missing).toBeGreaterThan(0);
    expect(whole.succeeded).toBeGreaterThan(whole.failed);
    expect(whole.contexts).toBe(whole.succeeded + whole.failed + whole.missing);
    expect(whole.missingCalls).toEqual({ getMethodAttribs: whole.missing });
    expect(whole.missingQueries).toEqual({ 'getMethodAttribs(0x0000000077770000)': whole.missing });
  });

  it('exits 1 when contexts fail, even with missing data', () => {
    expect(tspmi(['replay', file, '--jit', quirky]).status).toBe(1);
  });

  it('prints one line per failing context, in context order, then the SuperPMI totals', () => {
    const r = tspmi(['replay', file, '--jit', quirky, '-p', '2']);
    const lines = r.stdout.trimEnd().split('\n');
    const numbered = lines.filter((l) => l.startsWith('#')).map((l) => Number(/^#(\d+)/.exec(l)![1]));
    expect(numbered).toEqual([...whole.failedContexts, ...whole.missingContexts].sort((a, b) => a - b));
    expect(lines.some((l) => /: failed: CORJIT_IMPLLIMITATION: quirky: refuses this method$/.test(l))).toBe(true);
    expect(lines.some((l) => /: failed: the JIT threw TypeError: quirky: crashed$/.test(l))).toBe(true);
    expect(lines.some((l) => /: missing getMethodAttribs\(0x0000000077770000\)$/.test(l))).toBe(true);
    expect(lines.at(-2)).toBe(`Loaded ${whole.contexts}  Jitted ${whole.succeeded}  FailedCompile ${whole.failed}  Missing ${whole.missing}`);
  });
});

describe('parallel replay', () => {
  it.each([2, 3])('-p %i gives exactly the totals and lists of -p 1', (workers) => {
    const parallel = tspmiJson<ReplayJson>(['replay', file, '--jit', quirky, '-p', String(workers)], [1, 3, 4]);
    expect(parallel.workers).toBe(workers);
    expect(comparable(parallel)).toEqual(comparable(whole));
  });

  it('-p 2 with the built-in JIT replays everything', () => {
    const r = tspmiJson<ReplayJson>(['replay', file, '-p', '2']);
    expect(r).toMatchObject({ contexts: whole.contexts, succeeded: whole.contexts, failed: 0, missing: 0 });
  });
});

describe('context selection', () => {
  it('replays only -c ranges', () => {
    const r = tspmiJson<ReplayJson>(['replay', file, '-c', '1-10,20,1000-'], [0, 1, 3]);
    expect(r.contexts).toBe(10 + 1 + (whole.contexts - 999));
  });

  it('partitions add up to the unpartitioned run, with or without workers', () => {
    const parts = [1, 2, 3].map((i) => tspmiJson<ReplayJson>(['replay', file, '--jit', quirky, '--partition', `${i}/3`, '-p', String(i)], [0, 1, 3]));
    const sum = (key: 'contexts' | 'succeeded' | 'failed' | 'missing') => parts.reduce((n, p) => n + p[key], 0);
    expect({ contexts: sum('contexts'), succeeded: sum('succeeded'), failed: sum('failed'), missing: sum('missing') }).toEqual({
      contexts: whole.contexts,
      succeeded: whole.succeeded,
      failed: whole.failed,
      missing: whole.missing,
    });
    const merged = (key: 'failedContexts' | 'missingContexts') => parts.flatMap((p) => p[key]).sort((a, b) => a - b);
    expect(merged('failedContexts')).toEqual(whole.failedContexts);
    expect(merged('missingContexts')).toEqual(whole.missingContexts);
  });

  it('replays the contexts an .mcl lists', () => {
    const mcl = join(dir, 'failing.mcl');
    tspmi(['replay', file, '--jit', quirky, '--failing-mcl', mcl]);
    const again = tspmiJson<ReplayJson>(['replay', file, '--jit', quirky, '--context-list', mcl], [1]);
    expect(again.contexts).toBe(whole.failed + whole.missing);
    expect(again.succeeded).toBe(0);
  });
});

describe('failure outputs', () => {
  it('--failing-mcl lists the failing and missing contexts, one number a line', () => {
    const mcl = join(dir, 'f.mcl');
    tspmi(['replay', file, '--jit', quirky, '-p', '2', '--failing-mcl', mcl]);
    const expected = [...whole.failedContexts, ...whole.missingContexts].sort((a, b) => a - b);
    expect(readFileSync(mcl, 'utf8')).toBe(expected.map((n) => `${n}\n`).join(''));
  });

  it('--failing-mcl writes an empty list when everything replays', () => {
    const mcl = join(dir, 'none.mcl');
    expect(tspmi(['replay', file, '-c', '1-5', '--failing-mcl', mcl]).status).toBe(0);
    expect(readFileSync(mcl, 'utf8')).toBe('');
  });

  it('--repro-dir writes each failing context as N.mch, which replays the same way on its own', () => {
    const repro = join(dir, 'repro');
    // With workers, the records travel back to the main thread to be written.
    const r = tspmiJson<ReplayJson>(['replay', file, '--jit', quirky, '-c', '1-200', '-p', '2', '--repro-dir', repro], [1, 3]);
    const expected = [...r.failedContexts, ...r.missingContexts].sort((a, b) => a - b);
    expect(r.reproFiles).toBe(expected.length);
    const files = readdirSync(repro).sort((a, b) => parseInt(a) - parseInt(b));
    expect(files).toEqual(expected.map((n) => `${n}.mch`));
    const first = r.failedContexts[0]!;
    const single = tspmiJson<ReplayJson>(['replay', join(repro, `${first}.mch`), '--jit', quirky], [1]);
    expect(single).toMatchObject({ contexts: 1, failed: 1 });
    expect(tspmiJson<ReplayJson>(['replay', join(repro, `${first}.mch`)])).toMatchObject({ contexts: 1, succeeded: 1 });
    expect(existsSync(join(repro, `${first}.mch.mct`))).toBe(false);
  });

  it('--failure-limit stops at the N-th failure in context order, whatever -p', () => {
    for (const workers of ['1', '3']) {
      const r = tspmiJson<ReplayJson>(['replay', file, '--jit', quirky, '--failure-limit', '3', '-p', workers], [1]);
      expect(r.stoppedEarly).toBe(true);
      expect(r.failed).toBe(3);
      expect(r.failedContexts).toEqual(whole.failedContexts.slice(0, 3));
      expect(r.contexts).toBe(whole.failedContexts[2]);
    }
  });
});
