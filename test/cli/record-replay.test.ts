/**
 * End to end: record the fixture programs with both JITs in both modes, then
 * replay each collection with each JIT and check that every replay
 * reproduces the compile recorded live (code, relocations, EH, GC info,
 * debug info, unwind) with no missing data.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixturePrograms, record, tempDir, tspmi, tspmiJson, type RecordJson, type ReplayJson } from './helpers.js';

const dir = tempDir();
const recorded: Partial<Record<'jit' | 'r2r', RecordJson>> = {};

beforeAll(() => {
  ensureBuilt();
  for (const mode of ['jit', 'r2r'] as const) recorded[mode] = record(join(dir, `fixtures-${mode}.mch`), fixturePrograms, { mode });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tspmi record', () => {
  it.each(['jit', 'r2r'] as const)('writes one context per compiled method and reports the JSON fields (%s mode)', (mode) => {
    const r = recorded[mode]!;
    expect(r.methods).toBeGreaterThan(1000);
    expect(r.compiled + r.failed + r.skipped).toBe(r.methods);
    expect(r.contexts).toBe(r.methods - r.skipped);
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.interfaceVersions).toEqual(['base', 'diff']);
  });

  it('writes the .mct beside the .mch', () => {
    expect(existsSync(join(dir, 'fixtures-r2r.mch.mct'))).toBe(true);
    const stat = tspmiJson<{ contexts: number; header: { mode: string; interfaceVersions: string[] } }>(['mcs', 'stat', join(dir, 'fixtures-r2r.mch')]);
    expect(stat.contexts).toBe(recorded.r2r!.contexts);
    expect(stat.header).toMatchObject({ mode: 'r2r', interfaceVersions: ['base', 'diff'] });
    const toc = tspmi(['replay', join(dir, 'fixtures-r2r.mch'), '-c', '3-5', '--json']);
    expect(lastLine(toc.stdout)).toContain('"contexts":3');
  });

  it('prints a human summary and exits 4 for an assembly that is not there', () => {
    const r = tspmi(['record', join(dir, 'nope.dll'), '-o', join(dir, 'x.mch')]);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/^tspmi: .*nope\.dll/);
  });

  it('refuses two JITs of one interface version: a context keeps one live result per version', () => {
    const r = tspmi(['record', fixturePrograms[0]!, '-o', join(dir, 'x.mch'), '--jit', 'base', '--jit', 'base']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("two JITs need interface version 'base'");
  });

  it('refuses an unknown JIT with exit 4', () => {
    const r = tspmi(['record', fixturePrograms[0]!, '-o', join(dir, 'x.mch'), '--jit', 'nosuchjit']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("unknown JIT 'nosuchjit'");
  });
});

describe('replaying a collection recorded with both JITs', () => {
  for (const mode of ['jit', 'r2r'] as const) {
    for (const jit of ['base', 'diff'] as const) {
      it(`reproduces every live ${jit} compile with no missing data (${mode} mode)`, () => {
        const file = join(dir, `fixtures-${mode}.mch`);
        const r = tspmiJson<ReplayJson>(['replay', file, '--jit', jit, '--compare-recorded'], [0, 1]);
        expect(r.missing, JSON.stringify(r.missingQueries)).toBe(0);
        expect(r.mismatched, `contexts ${r.mismatchedContexts.join(',')}`).toBe(0);
        expect(r.corrupt).toBe(0);
        expect(r.contexts).toBe(recorded[mode]!.contexts);
        // Methods the JIT failed on live fail again on replay, and only those.
        expect(r.failed).toBe(failedLiveWith(file, jit));
        expect(r.compared).toBe(r.succeeded);
      });
    }
  }
});

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1)!;
}

/** Contexts whose recorded live result for `jit`'s version is a failure. */
function failedLiveWith(file: string, jit: string): number {
  const dump = tspmi(['mcs', 'dump', file]);
  expect(dump.status).toBe(0);
  return dump.stdout.split('\n').filter((l) => l.startsWith(`result ${jit}: failed`)).length;
}
