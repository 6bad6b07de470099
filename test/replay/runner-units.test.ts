/** The runner's small parts: result comparison, ordered merging, shares, exit codes, totals. */
import { describe, expect, it } from 'vitest';
import type { CompileSuccess } from '../../src/jitee/index.js';
import { CorJitResult, compileFailure } from '../../src/jitee/index.js';
import { OrderedMerge } from '../../src/replay/runner/ordered-merge.js';
import { addOutcome, compileResultDifferences, emptyTotals, failingContexts, parseJitOptionArgs, replayExitCode, type ContextOutcome } from '../../src/replay/runner/index.js';
import { InputError } from '../../src/util/errors.js';

const success: CompileSuccess = {
  ok: true,
  result: CorJitResult.CORJIT_OK,
  method: 0x300n as never,
  blocks: { hotCodeBlock: 0x1000n as never, coldCodeBlock: 0n as never, roDataBlock: 0n as never },
  code: Uint8Array.from([0x55, 0xc3]),
  coldCode: new Uint8Array(),
  roData: new Uint8Array(),
  relocations: [],
  ehClauses: [],
  boundaries: [],
  vars: [],
  gcInfo: {} as never,
  unwindInfo: [],
  metrics: { codeSize: 2, prologSize: 1, instructionCount: 2 },
};

describe('compileResultDifferences', () => {
  it('finds nothing between equal results, including copies', () => {
    expect(compileResultDifferences(success, structuredClone(success))).toEqual([]);
  });

  it('names each differing part', () => {
    expect(compileResultDifferences(success, { ...success, code: Uint8Array.from([0x55, 0x90]) })).toEqual(['code']);
    const moved = { ...success, blocks: { ...success.blocks, hotCodeBlock: 0x2000n as never } };
    expect(compileResultDifferences(success, moved)).toEqual(['code blocks']);
    const withUnwind = { ...success, unwindInfo: [{} as never], vars: [{} as never] };
    expect(compileResultDifferences(success, withUnwind)).toEqual(['debug info (variables)', 'unwind info']);
  });

  it('compares failures by result code and message', () => {
    const a = compileFailure(CorJitResult.CORJIT_BADCODE, 'x');
    expect(compileResultDifferences(a, compileFailure(CorJitResult.CORJIT_BADCODE, 'x'))).toEqual([]);
    expect(compileResultDifferences(a, compileFailure(CorJitResult.CORJIT_IMPLLIMITATION, 'y'))).toEqual(['result code', 'failure message']);
    expect(compileResultDifferences(success, a)).toEqual(['result (recorded ok, replay failed)']);
  });
});

const o = (index: number, kind: ContextOutcome['kind'] = 'success'): ContextOutcome => ({ index, kind });

describe('OrderedMerge', () => {
  it('releases outcomes in index order only once no smaller one can come', () => {
    const merge = new OrderedMerge(2);
    merge.push(0, [o(1), o(3)], false);
    expect([...merge.release()].map((x) => x.index)).toEqual([]);
    merge.push(1, [o(2)], false);
    expect([...merge.release()].map((x) => x.index)).toEqual([1, 2]);
    merge.push(1, [o(4)], true);
    expect([...merge.release()].map((x) => x.index)).toEqual([3]);
    merge.push(0, [o(5)], true);
    expect([...merge.release()].map((x) => x.index)).toEqual([4, 5]);
    expect(merge.finished).toBe(true);
  });

  it('does not wait for a worker that finished with nothing', () => {
    const merge = new OrderedMerge(3);
    merge.push(2, [], true);
    merge.push(0, [o(1)], true);
    merge.push(1, [o(2)], true);
    expect([...merge.release()].map((x) => x.index)).toEqual([1, 2]);
    expect(merge.finished).toBe(true);
  });
});

describe('totals and exit codes', () => {
  it('counts each kind and keeps sorted context lists', () => {
    const totals = emptyTotals();
    addOutcome(totals, o(1));
    addOutcome(totals, { index: 2, kind: 'missing', missing: { call: 'getHelperFtn', key: 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS', absentFields: [] } });
    addOutcome(totals, o(3, 'failure'));
    addOutcome(totals, o(4, 'corrupt'));
    addOutcome(totals, { index: 5, kind: 'mismatch', compared: true });
    expect(totals).toMatchObject({ contexts: 5, succeeded: 1, missing: 1, failed: 1, corrupt: 1, mismatched: 1, compared: 1 });
    expect(totals.missingQueries).toEqual({ 'getHelperFtn(CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS)': 1 });
    expect(totals.missingCalls).toEqual({ getHelperFtn: 1 });
    expect(failingContexts(totals)).toEqual([2, 3, 5]);
  });

  it('ranks damaged input over failures over missing data', () => {
    const none = { failed: 0, mismatched: 0, missing: 0, corrupt: 0 };
    expect(replayExitCode(none)).toBe(0);
    expect(replayExitCode({ ...none, missing: 1 })).toBe(3);
    expect(replayExitCode({ ...none, missing: 1, failed: 1 })).toBe(1);
    expect(replayExitCode({ ...none, mismatched: 1 })).toBe(1);
    expect(replayExitCode({ ...none, missing: 1, failed: 1, corrupt: 1 })).toBe(4);
  });
});

describe('parseJitOptionArgs', () => {
  it('splits at the first = and rejects anything without a key', () => {
    expect(parseJitOptionArgs(['JitNoInline=1', 'JitDisasm=Main=x'])).toEqual({ JitNoInline: '1', JitDisasm: 'Main=x' });
    expect(() => parseJitOptionArgs(['JitNoInline'])).toThrow(InputError);
    expect(() => parseJitOptionArgs(['=1'])).toThrow(InputError);
  });
});
