import { describe, expect, it } from 'vitest';
import { nearDiff } from '../../src/diff/near-differ.js';
import { CORINFO_EH_CLAUSE_FLAGS, UnwindOp, type CompileSuccess } from '../../src/jitee/index.js';
import { atAddress, call, makeResult, type ResultSpec } from './make-result.js';

const plain: ResultSpec = { steps: [call('newObj'), call('consoleWrite'), call('restoreMethod')] };

function withChanges(result: CompileSuccess, changes: Partial<CompileSuccess>): CompileSuccess {
  return { ...result, ...changes };
}

describe('near differ', () => {
  it('finds two compiles of the same code identical', () => {
    const r = nearDiff(makeResult(plain), makeResult(plain));
    expect(r.identical).toBe(true);
    expect(r.differences).toEqual([]);
    expect(r.classes).toEqual([]);
    expect(r.baseBytes).toBe(r.diffBytes);
    expect(r.deltaBytes).toBe(0);
  });

  it('applies relocations at one address: the same code placed elsewhere is identical', () => {
    const base = makeResult(plain);
    const moved = atAddress(plain, 0x7ff6_2345_6000n);
    // rel32 calls to the same absolute targets have different bytes at different addresses.
    expect(Buffer.from(base.code).equals(Buffer.from(moved.code))).toBe(false);
    expect(nearDiff(base, moved).identical).toBe(true);
  });

  it('moves targets inside the method along with it', () => {
    const spec: ResultSpec = { steps: [{ op: 'own-address', offset: 4 }, call('consoleWrite')] };
    const r = nearDiff(makeResult(spec), atAddress(spec, 0x7ff6_2345_6000n));
    expect(r.identical).toBe(true);
  });

  it('classifies different instructions as code, and info that only moved with them as offsets only', () => {
    const base = makeResult(plain);
    const diff = makeResult({ steps: [call('newObj'), { op: 'filler', value: 7 }, call('consoleWrite'), call('restoreMethod')] });
    const r = nearDiff(base, diff);
    expect(r.identical).toBe(false);
    expect(r.classes).toEqual(['code', 'gc info', 'debug info', 'unwind']);
    expect(r.deltaBytes).toBe(5);
    const code = r.differences.find((d) => d.class === 'code')!;
    expect(code.summary).toMatch(/^code size \d+ → \d+ \(\+5\), first difference at offset 0x/);
    for (const cls of ['gc info', 'debug info', 'unwind'] as const) {
      expect(r.differences.find((d) => d.class === cls)!.offsetsOnly, cls).toBe(true);
    }
    expect(r.differences.find((d) => d.class === 'gc info')!.summary).toBe('GC safe point offsets moved');
  });

  it('classifies a call through another kind of cell with the same instruction as relocation target only', () => {
    const base = makeResult({ steps: [call('captureMethod'), call('consoleWrite')] });
    const diff = makeResult({ steps: [call('captureHelper'), call('consoleWrite')] });
    const r = nearDiff(base, diff, { mode: 'r2r' });
    expect(r.classes).toEqual(['relocation target only']);
    expect(r.deltaBytes).toBe(0);
    const d = r.differences[0]!;
    expect(d.summary).toBe('1 relocation target differ: MethodEntry → Helper (1)');
    expect(d.targetChanges).toHaveLength(1);
    const change = d.targetChanges![0]!;
    expect(change.base).toMatchObject({ kind: 'method', fixup: 'MethodEntry', binding: 'MethodEntry import cell', address: '0x7FF610000100' });
    expect(change.diff).toMatchObject({ kind: 'helper', fixup: 'Helper', binding: 'Helper import cell', name: 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS' });
    expect(d.details[0]).toMatch(
      /^relocation at 0x[0-9A-F]+: System\.Runtime\.CompilerServices\.AsyncHelpers:CaptureContexts\(byref,byref\) \(MethodEntry import cell\) → CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS \(Helper import cell\)$/,
    );
  });

  it('names indirection cells without fixup kinds outside ReadyToRun', () => {
    const base = makeResult({ steps: [call('captureMethod')] });
    const diff = makeResult({ steps: [call('captureHelper')] });
    const d = nearDiff(base, diff, { mode: 'jit' }).differences[0]!;
    expect(d.summary).toBe('1 relocation target differ: method indirection cell → helper indirection cell (1)');
  });

  it('notes a target described differently without calling it a diff', () => {
    const base = makeResult(plain);
    const relocations = base.relocations.map((r, i) => (i === 2 ? { ...r, targetKind: 'helper' as const, helper: 198 as never, annotation: 'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS' } : r));
    const r = nearDiff(base, withChanges(base, { relocations }), { mode: 'r2r' });
    expect(r.identical).toBe(true);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toContain('named System.Runtime.CompilerServices.AsyncHelpers:RestoreContexts');
    expect(r.notes[0]).toContain('CORINFO_HELP_ASYNC_RESTORE_CONTEXTS (Helper import cell) in diff');
  });

  it('classifies GC info alone', () => {
    const base = makeResult(plain);
    const diff = makeResult({ ...plain, gcSlots: [{ location: { kind: 'stack', base: 'frame', offset: -8 }, gcType: 'ref' }] });
    const r = nearDiff(base, diff);
    expect(r.classes).toEqual(['gc info']);
    const d = r.differences[0]!;
    expect(d.offsetsOnly).toBe(false);
    expect(d.summary).toBe('GC info differs: slots, untracked slots');
    expect(d.details).toContain('slot #1: (none) → ref [frame-0x08]');
  });

  it('classifies EH clauses alone', () => {
    const clause = { flags: CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FAULT, tryOffset: 8, tryLength: 16, handlerOffset: 24, handlerLength: 4, classTokenOrFilterOffset: 0 };
    const r = nearDiff(makeResult(plain), makeResult({ ...plain, ehClauses: [clause] }));
    expect(r.classes).toEqual(['eh']);
    expect(r.differences[0]!.summary).toBe('EH clauses differ (0 in base, 1 in diff)');
    expect(r.differences[0]!.details).toContain('EH clause #1: (none) → try [0x08, 0x18) handler [0x18, 0x1C) fault');
  });

  it('classifies debug info alone', () => {
    const v = { varNumber: 0, startOffset: 4, endOffset: 40, loc: { kind: 'stack', base: 'rbp', offset: -8 } } as const;
    const r = nearDiff(makeResult({ ...plain, vars: [v] }), makeResult({ ...plain, vars: [{ ...v, loc: { kind: 'register', register: 'rbx' } }] }));
    expect(r.classes).toEqual(['debug info']);
    expect(r.differences[0]!.summary).toBe('debug info differs: variable locations');
    expect(r.differences[0]!.details[0]).toBe('variable #1: V00 [rbp-0x08] over [0x04, 0x28) → V00 rbx over [0x04, 0x28)');
  });

  it('classifies unwind info alone (SuperPMI does not compare it; tspmi does)', () => {
    const base = makeResult(plain);
    const u = base.unwindInfo[0]!;
    const diff = withChanges(base, { unwindInfo: [{ ...u, codes: [...u.codes, { codeOffset: u.prologSize, op: UnwindOp.UWOP_ALLOC_SMALL, size: 8 }] }] });
    const r = nearDiff(base, diff);
    expect(r.classes).toEqual(['unwind']);
    expect(r.differences[0]!.offsetsOnly).toBe(false);
    expect(r.differences[0]!.summary).toBe('unwind info differs');
  });

  it('reports read-only data differences as code', () => {
    const base = withChanges(makeResult(plain), { roData: Uint8Array.of(1, 2, 3, 4) });
    const diff = withChanges(makeResult(plain), { roData: Uint8Array.of(1, 2, 9, 4) });
    const r = nearDiff(base, diff);
    expect(r.classes).toEqual(['code']);
    expect(r.differences[0]!.summary).toBe('read-only data 4 → 4 bytes, first difference at 0x02');
  });

  it('gives plain data only (JSON round trip keeps everything)', () => {
    const r = nearDiff(makeResult({ steps: [call('captureMethod')] }), makeResult({ steps: [call('captureHelper')] }), { mode: 'r2r' });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
