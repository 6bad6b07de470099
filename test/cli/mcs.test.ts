/**
 * `tspmi mcs`: the collection operations keep every record replayable, the
 * dumps are readable, and each verb reports a JSON summary.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncSamples, ensureBuilt, fixturePrograms, lastJson, record, tempDir, testJitsDir, tspmi, tspmiJson, type ReplayJson } from './helpers.js';

const dir = tempDir();
const asyncFile = join(dir, 'async.mch');
const basicsFile = join(dir, 'basics.mch');
let asyncContexts: number;
let basicsContexts: number;

/** Replays with both JITs; every context must replay and reproduce its recording. */
function expectFullyReplayable(file: string, contexts: number): void {
  for (const jit of ['base', 'diff']) {
    const r = tspmiJson<ReplayJson>(['replay', file, '--jit', jit, '--compare-recorded'], [0, 1]);
    expect(r).toMatchObject({ contexts, missing: 0, mismatched: 0, corrupt: 0 });
    expect(r.succeeded + r.failed).toBe(contexts);
  }
}

beforeAll(() => {
  ensureBuilt();
  const askers = [join(testJitsDir, 'async-asker-base.mjs'), join(testJitsDir, 'async-asker-diff.mjs')];
  asyncContexts = record(asyncFile, [asyncSamples], { jits: askers }).contexts;
  basicsContexts = record(basicsFile, [fixturePrograms[0]!]).contexts;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collection operations keep every record replayable', () => {
  it('merge concatenates, with a new .mct', () => {
    const out = join(dir, 'merged.mch');
    const j = tspmiJson<{ contexts: number; interfaceVersions: string[]; inputs: { contexts: number }[] }>(['mcs', 'merge', '-o', out, basicsFile, asyncFile]);
    expect(j.contexts).toBe(basicsContexts + asyncContexts);
    expect(j.interfaceVersions).toEqual(['base', 'diff']);
    expect(j.inputs.map((i) => i.contexts)).toEqual([basicsContexts, asyncContexts]);
    expect(existsSync(`${out}.mct`)).toBe(true);
    expectFullyReplayable(out, basicsContexts + asyncContexts);
    const map = tspmiJson<{ map: { index: number; methodName: string }[] }>(['mcs', 'dumpmap', out, '-c', `${basicsContexts + 1}`]);
    expect(map.map).toEqual([{ index: basicsContexts + 1, methodHash: expect.stringMatching(/^[0-9a-f]{32}$/), methodName: expect.stringContaining('Fixtures.Async') }]);
  });

  it('merge refuses collections of different modes', () => {
    const r2r = join(dir, 'async-r2r.mch');
    record(r2r, [asyncSamples], { mode: 'r2r' });
    const r = tspmi(['mcs', 'merge', '-o', join(dir, 'mixed.mch'), asyncFile, r2r]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('different modes');
  });

  it('toc rebuilds the .mct, and random access through it replays', () => {
    rmSync(`${basicsFile}.mct`, { force: true });
    const j = tspmiJson<{ contexts: number; corrupt: number }>(['mcs', 'toc', basicsFile]);
    expect(j).toMatchObject({ contexts: basicsContexts, corrupt: 0 });
    expect(existsSync(`${basicsFile}.mct`)).toBe(true);
    expect(tspmiJson<ReplayJson>(['replay', basicsFile, '-c', '2-4,9'])).toMatchObject({ contexts: 4, succeeded: 4 });
    expectFullyReplayable(basicsFile, basicsContexts);
  });

  it('strip drops the contexts -c selects and keeps the rest replayable', () => {
    const out = join(dir, 'stripped.mch');
    const j = tspmiJson<{ contexts: number; sourceIndices: number[] }>(['mcs', 'strip', '-c', '1-10,20', '-o', out, basicsFile]);
    expect(j.contexts).toBe(basicsContexts - 11);
    expect(j.sourceIndices.slice(0, 10)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 21]);
    expectFullyReplayable(out, basicsContexts - 11);
    const before = tspmiJson<{ map: { methodHash: string }[] }>(['mcs', 'dumpmap', basicsFile, '-c', '21']).map[0]!.methodHash;
    const after = tspmiJson<{ map: { methodHash: string }[] }>(['mcs', 'dumpmap', out, '-c', '10']).map[0]!.methodHash;
    expect(after).toBe(before);
  });

  it('removedup keeps one context per method and the result replays', () => {
    const doubled = join(dir, 'doubled.mch');
    tspmiJson(['mcs', 'merge', '-o', doubled, basicsFile, basicsFile]);
    const out = join(dir, 'dedup.mch');
    const j = tspmiJson<{ contexts: number; duplicates: number }>(['mcs', 'removedup', '-o', out, doubled]);
    const distinct = new Set(tspmiJson<{ map: { methodHash: string }[] }>(['mcs', 'dumpmap', basicsFile]).map.map((m) => m.methodHash)).size;
    expect(j.contexts).toBe(distinct);
    expect(j.duplicates).toBe(2 * basicsContexts - distinct);
    expectFullyReplayable(out, distinct);
  });

  it('strip and merge need their arguments', () => {
    expect(tspmi(['mcs', 'strip', '-o', join(dir, 'x.mch'), basicsFile]).stderr).toContain('-c RANGES');
    expect(tspmi(['mcs', 'merge', basicsFile]).stderr).toContain('-o FILE.mch');
    expect(tspmi(['mcs', 'frobnicate', basicsFile]).status).toBe(4);
  });
});

describe('dumps', () => {
  it('mcs dump prints getAsyncInfo with every field and getHelperFtn with helper names', () => {
    const r = tspmi(['mcs', 'dump', asyncFile, '-c', '1']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^--- context #1 Fixtures\.Async\.\S+ \(hash [0-9a-f]{32}\)$/);
    const asyncInfo = lines.find((l) => l.startsWith('  getAsyncInfo() -> '))!;
    for (const field of [
      'continuationClsHnd', 'continuationNextFldHnd', 'continuationResumeInfoFldHnd', 'continuationStateFldHnd', 'continuationFlagsFldHnd',
      'captureExecutionContextMethHnd', 'restoreExecutionContextMethHnd', 'captureContinuationContextMethHnd',
      'captureContextsMethHnd', 'restoreContextsMethHnd', 'restoreContextsOnSuspensionMethHnd',
    ]) {
      expect(asyncInfo).toMatch(new RegExp(`${field}: 0x[0-9a-f]{16}`));
    }
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}getHelperFtn\(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS\) -> \{lookup: \{accessType: IAT_VALUE, handle: 0x[0-9a-f]{16}\}, method: 0x[0-9a-f]{16}\}$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^result base: ok, \d+ bytes hot code/));
    expect(lines).toContainEqual(expect.stringMatching(/^result diff: ok, \d+ bytes hot code/));
  });

  it('mcs ildump decodes each method body to mnemonics', () => {
    const r = tspmi(['mcs', 'ildump', basicsFile, '-c', '1-3']);
    expect(r.status).toBe(0);
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      const [title, header, ...body] = block.split('\n');
      expect(title).toMatch(/^\/\/ context #\d+ Fixtures\.Basics\./);
      expect(header).toMatch(/^\/\/ \d+ bytes of IL, maxstack \d+, \d+ locals, \d+ EH clauses$/);
      for (const line of body) expect(line).toMatch(/^ {2}IL_[0-9a-f]{4} {2}[a-z][a-z0-9.]*( .+)?$/);
      expect(body.at(-1)).toMatch(/ret$/);
    }
    const j = tspmiJson<{ contexts: number; instructions: number; badIL: number[] }>(['mcs', 'ildump', basicsFile]);
    expect(j.contexts).toBe(basicsContexts);
    expect(j.badIL).toEqual([]);
    expect(j.instructions).toBeGreaterThan(basicsContexts);
  });

  it('mcs dumpmap lists number, hash and name', () => {
    const r = tspmi(['mcs', 'dumpmap', basicsFile]);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(basicsContexts);
    expect(rows[0]).toMatch(/^1\t[0-9a-f]{32}\tFixtures\.Basics\.\S+$/);
  });

  it('mcs stat reports counts and sizes', () => {
    const j = tspmiJson<{ contexts: number; intact: number; fileBytes: number; header: { createdBy: string } }>(['mcs', 'stat', basicsFile]);
    expect(j).toMatchObject({ contexts: basicsContexts, intact: basicsContexts, header: { createdBy: 'record' } });
    expect(lastJson(tspmi(['mcs', 'stat', basicsFile, '--json']).stdout)).toEqual(j);
    expect(tspmi(['mcs', 'stat', basicsFile]).stdout).toMatch(/^contexts \d+ \(intact \d+, damaged 0\)$/m);
  });
});
