/**
 * A JIT that hangs, kills its thread or throws on one context costs that
 * context, not the run. The `hanging` test JIT (data/hanging-jit.mjs, loaded
 * by path) loops forever on Shapes.AwaitInLoop, calls process.exit on
 * Leaf.Yield, throws on Shapes.Switch and throws from a timer on
 * Shapes.Math3; `--context-timeout 1` keeps every run to a few seconds.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lastJson, recordingsDir, testJitsDir, tspmi, type ReplayJson } from './helpers.js';

const file = join(recordingsDir, 'async-jit.mch');
const hanging = join(testJitsDir, 'hanging-jit.mjs');
/** Bounds a run that would otherwise hang the test suite. */
const RUN_TIMEOUT_MS = 60_000;

interface Run {
  status: number | null;
  lines: string[];
  json: ReplayJson;
}

function replay(extra: readonly string[]): Run {
  const text = tspmi(['replay', file, '--jit', hanging, ...extra], { timeoutMs: RUN_TIMEOUT_MS });
  const json = tspmi(['replay', file, '--jit', hanging, ...extra, '--json'], { timeoutMs: RUN_TIMEOUT_MS });
  expect(json.status).toBe(text.status);
  return { status: text.status, lines: text.stdout.trimEnd().split('\n'), json: lastJson<ReplayJson>(json.stdout) };
}

/** `#N name: failed: reason` lines, as [N, the rest]. */
function failureLines(lines: readonly string[]): [number, string][] {
  return lines.filter((l) => l.startsWith('#')).map((l) => {
    const m = /^#(\d+) (.*)$/.exec(l)!;
    return [Number(m[1]), m[2]!];
  });
}

let contexts: number;

beforeAll(() => {
  ensureBuilt();
  const r = tspmi(['replay', file, '--json']);
  expect(r.status).toBe(0);
  contexts = lastJson<ReplayJson>(r.stdout).contexts;
});

describe.each([1, 2, 3])('tspmi replay -p %i --context-timeout 1 with a JIT that hangs, exits and throws', (workers) => {
  let run: Run;
  beforeAll(() => {
    run = replay(['-p', String(workers), '--context-timeout', '1']);
  });

  it('finishes with exit 1 and fails exactly those contexts', () => {
    expect(run.status).toBe(1);
    expect(run.json.workers).toBe(workers);
    expect(run.json.contexts).toBe(contexts);
    expect(run.json.failed).toBe(3);
    expect(run.json.succeeded).toBe(contexts - 3);
    expect(run.json.missing + run.json.mismatched + run.json.corrupt).toBe(0);
    expect(run.json.failedContexts).toEqual(failureLines(run.lines).map(([n]) => n));
  });

  it('gives each its reason, in context order', () => {
    const reasons = failureLines(run.lines).map(([, rest]) => rest);
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/Leaf:Yield\(\): failed: worker died: the thread exited with code 7$/);
    expect(reasons[1]).toMatch(/Shapes:AwaitInLoop\(.*: failed: timed out after 1s$/);
    expect(reasons[2]).toMatch(/Shapes:Switch\(.*: failed: the JIT threw RangeError: hanging: threw$/);
  });
});

describe('--context-timeout', () => {
  it('gives the same lines and totals for any -p', () => {
    const one = replay(['-p', '1', '--context-timeout', '1']);
    const four = replay(['-p', '4', '--context-timeout', '1']);
    expect(four.lines.slice(0, -1)).toEqual(one.lines.slice(0, -1));
    const { seconds: _s1, workers: _w1, ...a } = one.json;
    const { seconds: _s4, workers: _w4, ...b } = four.json;
    expect(b).toEqual(a);
  });

  it('is documented in --help, with what -p 1 does about it', () => {
    const help = tspmi(['replay', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--context-timeout');
    expect(help).toMatch(/default 60/);
    expect(help).toMatch(/-p 1 this option replays in one worker thread/);
  });

  it.each(['0', '-2', 'soon'])('rejects %s (exit 4)', (value) => {
    const r = tspmi(['replay', file, '--context-timeout', value]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('--context-timeout');
  });
});
