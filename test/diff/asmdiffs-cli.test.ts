/**
 * End to end: `tspmi asmdiffs` as a user runs it, on collections recorded
 * from the async sample with both JITs. Diffs come from JIT modules loaded
 * by path (test/diff/data) that change a known share of the base JIT's
 * results, and, once the model JIT's builds differ, from base vs diff.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMchReader } from '../../src/mc/mch-reader.js';
import { MethodContext } from '../../src/mc/method-context.js';
import { ASYNC_CONTEXT_CALLS } from '../../src/jitee/index.js';
import { asyncSamples, ensureBuilt, lastJson, record, repoRoot, tempDir, tspmi } from '../cli/helpers.js';

const dir = tempDir('tspmi-asmdiffs-');
const collections = { jit: join(dir, 'async-jit.mch'), r2r: join(dir, 'async-r2r.mch') };
const tweakedJit = join(repoRoot, 'test/diff/data/tweaked-jit.mjs');
const askingJit = join(repoRoot, 'test/diff/data/asking-jit.mjs');
const quirkyJit = join(repoRoot, 'test/cli/data/quirky-jit.mjs');

interface AsmDiffsJson {
  contexts: number;
  diffs: number;
  baseBytes: number;
  diffBytes: number;
  failed: number;
  missing: number;
  seconds: number;
  compiled: number;
  identical: number;
  classes: Record<string, number>;
  changed: { baseBytes: number; diffBytes: number; improved: number; regressed: number; unchanged: number };
  failedContexts: number[];
  identicalRenamed: number;
  workers: number;
}

interface SummaryFile extends AsmDiffsJson {
  methods: { context: number; method: string; baseBytes: number; diffBytes: number; delta: number; classes: string[]; explanations: string[] }[];
}

function asmdiffs(args: string[]) {
  return tspmi(['asmdiffs', ...args]);
}

function readSummary(out: string): SummaryFile {
  return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SummaryFile;
}

/** A call or inlinee of one of the six async context operations (not Await, which async code always calls). */
const CONTEXT_OPERATION = new RegExp(`AsyncHelpers:(?:${ASYNC_CONTEXT_CALLS.map((op) => op.managedName).join('|')})(?![A-Za-z])|CORINFO_HELP_ASYNC_`);

/** Whether the recorded compiles bind the async context operations at all (the runtime-async transformation). */
function bindsAsyncContextOperations(file: string): boolean {
  return withMchReader(file, (reader) => {
    for (const entry of reader.contexts()) {
      if (entry.kind !== 'context') continue;
      for (const result of MethodContext.fromData(entry.context).results.values()) {
        if (!result.ok) continue;
        if (result.relocations.some((r) => CONTEXT_OPERATION.test(r.annotation ?? ''))) return true;
        if ((result.inlinees ?? []).some((s) => CONTEXT_OPERATION.test(s.name ?? ''))) return true;
      }
    }
    return false;
  });
}

let transformLanded = false;
/** Methods whose live compile failed while recording with both JITs (a conflict between their records, for instance). */
const recordFailures = { jit: 0, r2r: 0 };

beforeAll(() => {
  ensureBuilt();
  for (const mode of ['jit', 'r2r'] as const) recordFailures[mode] = record(collections[mode], [asyncSamples], { mode }).failed;
  transformLanded = bindsAsyncContextOperations(collections.jit);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tspmi asmdiffs: bad input exits 4 with one clear line', () => {
  const expectBadInput = (r: ReturnType<typeof tspmi>, message: RegExp): void => {
    expect(r.status, r.stderr).toBe(4);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tspmi: /);
    expect(lines[0]).toMatch(message);
  };

  it('an unknown JIT name', () => {
    expectBadInput(asmdiffs([collections.jit, '--diff-jit', 'nosuchjit', '-o', join(dir, 'o1')]), /unknown JIT 'nosuchjit'/);
    expectBadInput(asmdiffs([collections.jit, '--base-jit', 'other', '-o', join(dir, 'o1')]), /unknown JIT 'other'/);
  });

  it('an output folder that cannot be written', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expectBadInput(asmdiffs([collections.jit, '-o', join(file, 'out')]), /cannot write to output folder .*a-file\/out/);
  });

  it('a .mch of another format version', () => {
    const other = join(dir, 'other-version.mch');
    copyFileSync(collections.jit, other);
    const bytes = readFileSync(other);
    bytes.writeUInt16LE(7, 8);
    writeFileSync(other, bytes);
    expectBadInput(asmdiffs([other, '-o', join(dir, 'o2')]), /other-version\.mch: \.mch format version 7 is not supported/);
  });

  it('a file that is not there, or bad context ranges', () => {
    expectBadInput(asmdiffs([join(dir, 'nope.mch'), '-o', join(dir, 'o3')]), /nope\.mch/);
    expectBadInput(asmdiffs([collections.jit, '-c', 'x-y', '-o', join(dir, 'o3')]), /-c/);
  });
});

describe('tspmi asmdiffs', () => {
  it('finds no diffs between a JIT and itself, and still writes the summaries (exit 0)', () => {
    const out = join(dir, 'same');
    const r = asmdiffs([collections.r2r, '--base-jit', 'base', '--diff-jit', 'base', '-o', out, '--json']);
    const json = lastJson<AsmDiffsJson>(r.stdout);
    expect(json).toMatchObject({ diffs: 0, missing: 0 });
    // Methods the model JIT cannot compile fail in both; they make the exit code 1, never 2.
    expect(r.status, r.stderr).toBe(json.failed > 0 ? 1 : 0);
    expect(json.baseBytes).toBe(json.diffBytes);
    expect(json.compiled + json.failed).toBe(json.contexts);
    for (const name of ['summary.md', 'summary.json', 'report.html']) expect(existsSync(join(out, name)), name).toBe(true);
    expect(readdirSync(join(out, 'base'))).toEqual([]);
  });

  it('writes a listing pair per differing context, summary.md, summary.json and report.html (exit 2)', () => {
    const out = join(dir, 'tweaked');
    const r = asmdiffs([collections.r2r, '--diff-jit', tweakedJit, '-c', '1-47', '-o', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^Loaded 47 {2}Compiled 47 {2}Diffs \d+ {2}FailedCompile 0 {2}Missing 0$/m);
    expect(r.stdout).toMatch(/^Total bytes of delta: \d+ \([\d.]+ % of base\)$/m);

    const summary = readSummary(out);
    expect(summary.contexts).toBe(47);
    expect(summary.diffs).toBe(summary.methods.length);
    expect(summary.diffs).toBeGreaterThan(2);
    expect(summary.classes['relocation target only']).toBeGreaterThan(0);
    expect(summary.classes['code']).toBeGreaterThan(0);
    // Same targets, named differently: identical code, counted apart.
    expect(summary.identicalRenamed).toBeGreaterThan(0);
    expect(summary.diffBytes - summary.baseBytes).toBe(summary.methods.reduce((s, m) => s + m.delta, 0));
    expect(readdirSync(join(out, 'base')).sort()).toEqual(summary.methods.map((m) => `${m.context}.dasm`).sort());
    expect(readdirSync(join(out, 'diff')).sort()).toEqual(summary.methods.map((m) => `${m.context}.dasm`).sort());

    const moved = summary.methods.find((m) => m.classes.includes('relocation target only'))!;
    expect(moved.delta).toBe(0);
    expect(moved.explanations.some((e) => /\(MethodEntry import cell\) → CORINFO_HELP_ASYNC_RESTORE_CONTEXTS \(Helper import cell\)$/.test(e))).toBe(true);
    const base = readFileSync(join(out, 'base', `${moved.context}.dasm`), 'utf8');
    const diff = readFileSync(join(out, 'diff', `${moved.context}.dasm`), 'utf8');
    expect(base.split('\n')[0]).toBe(`; Assembly listing for method ${moved.method} (Tier0)`);
    expect(base).toContain('; JIT build base (JIT-EE interface base), ReadyToRun compilation');
    expect(diff).toContain('; JIT build tweaked (JIT-EE interface base), ReadyToRun compilation');
    expect(diff).toContain('call     [CORINFO_HELP_ASYNC_RESTORE_CONTEXTS]      ; Helper import cell');
    expect(base).toMatch(/; Total bytes of code \d+, prolog size \d+, PerfScore/);

    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain(`Total bytes of delta: ${summary.changed.diffBytes - summary.changed.baseBytes} (`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const m of summary.methods) expect(html).toContain(`id="ctx-${m.context}"`);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?https?:/i);
  });

  it('gives the same results with worker threads (-p 2) and clears listings of an earlier run', () => {
    const one = join(dir, 'p1');
    const two = join(dir, 'p2');
    asmdiffs([collections.jit, '--diff-jit', tweakedJit, '-o', one, '-p', '1', '--json']);
    mkdirSync(join(two, 'base'), { recursive: true });
    writeFileSync(join(two, 'base', 'stale.dasm'), '');
    const r = asmdiffs([collections.jit, '--diff-jit', tweakedJit, '-o', two, '-p', '2', '--json']);
    expect(lastJson<AsmDiffsJson>(r.stdout).workers).toBe(2);
    const a = readSummary(one);
    const b = readSummary(two);
    expect(b.methods).toEqual(a.methods);
    expect([b.contexts, b.diffs, b.failed, b.missing, b.baseBytes, b.diffBytes]).toEqual([a.contexts, a.diffs, a.failed, a.missing, a.baseBytes, a.diffBytes]);
    expect(readdirSync(join(two, 'base'))).not.toContain('stale.dasm');
  });

  it('exits 1 on compile failures and 3 on missing data', () => {
    const failing = asmdiffs([collections.jit, '--diff-jit', quirkyJit, '-o', join(dir, 'quirky'), '--json']);
    expect(failing.status, failing.stderr).toBe(1);
    expect(lastJson<AsmDiffsJson>(failing.stdout).failed).toBeGreaterThan(0);

    const asking = asmdiffs([collections.jit, '--diff-jit', askingJit, '-c', '1-47', '-o', join(dir, 'asking'), '--json']);
    const json = lastJson<AsmDiffsJson>(asking.stdout);
    expect(json.failed).toBe(0);
    expect(json.missing).toBeGreaterThan(0);
    expect(json.diffs).toBe(0);
    expect(asking.status).toBe(3);
  });

  it('passes --base-jitoption and --diff-jitoption to each JIT', () => {
    const out = join(dir, 'options');
    // Options that change only what the JIT prints, so both sides still ask what was recorded.
    const r = asmdiffs([
      collections.jit, '--base-jit', 'base', '--diff-jit', 'base', '--diff-jitoption', 'JitDisasmSummary=1', '--diff-jitoption', 'JitStdOutFile=/dev/null',
      '--base-jitoption', 'JitStdOutFile=/dev/null', '-c', '1-5', '-o', out, '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const summary = readSummary(out) as SummaryFile & { baseJit: { options: object }; diffJit: { options: object } };
    expect(summary.diffJit.options).toEqual({ JitDisasmSummary: '1', JitStdOutFile: '/dev/null' });
    expect(summary.baseJit.options).toEqual({ JitStdOutFile: '/dev/null' });
    expect(summary.contexts).toBe(5);
  });
});

const landedTitle = (what: string): string =>
  `${what} (skipped, with the reason, while the model JIT does not bind the async context operations or recording with both JITs fails)`;

/** Skips, saying which piece is missing, unless base vs diff can be compared on this collection. */
function requireComparableBuilds(ctx: { skip: (condition: boolean, note?: string) => void }, mode: 'jit' | 'r2r'): void {
  ctx.skip(!transformLanded, 'the model JIT does not bind the async context operations yet (runtime-async transformation in src/jit)');
  ctx.skip(recordFailures[mode] > 0, `recording the async sample with both JITs in ${mode} mode failed for ${recordFailures[mode]} methods (tspmi record)`);
}

describe('tspmi asmdiffs base vs diff on the async sample', () => {
  it(landedTitle('explains every jit-mode diff by async context operations'), (ctx) => {
    requireComparableBuilds(ctx, 'jit');
    const out = join(dir, 'base-diff-jit');
    const r = asmdiffs([collections.jit, '-o', out]);
    expect([0, 1, 2], r.stderr).toContain(r.status);
    const summary = readSummary(out);
    expect(summary.missing).toBe(0);
    expect(summary.diffs).toBeGreaterThan(0);
    for (const m of summary.methods) expect(m.explanations.some((e) => e.startsWith('context operation ')), m.method).toBe(true);
  });

  it(landedTitle('finds only relocation-target diffs in r2r mode, MethodEntry cells becoming Helper cells'), (ctx) => {
    requireComparableBuilds(ctx, 'r2r');
    const out = join(dir, 'base-diff-r2r');
    const r = asmdiffs([collections.r2r, '-o', out]);
    expect([0, 1, 2], r.stderr).toContain(r.status);
    const summary = readSummary(out);
    expect(summary.missing).toBe(0);
    for (const m of summary.methods) {
      // FACTS.md: in r2r mode AsyncHelpers are never inlined (version bubble), so only the binding of each call changes.
      expect(m.classes, m.method).toEqual(['relocation target only']);
      expect(m.explanations.every((e) => /through a MethodEntry import cell.* in base, called as helper CORINFO_HELP_ASYNC_\w+ through a Helper import cell/.test(e)), m.method).toBe(true);
    }
  });
});
