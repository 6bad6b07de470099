import { describe, expect, it } from 'vitest';
import { importMethod, jitFlagsForMode, parseJitOptions, type IrMethod } from '../../../src/jit/index.js';
import { ALWAYS_INLINE_IL_SIZE, inlinePass } from '../../../src/jit/inline/index.js';
import { disassemble } from '../../../src/jit/x64/disassemble.js';
import { CorInfoInline, type CompileResult, type CompileSuccess } from '../../../src/jitee/index.js';
import { compileNamed, inliningFixture, type InlineCompile } from './inline-helpers.js';
import { IrInterpreter, type Value } from './ir-interpreter.js';

const CALLERS = 'Fixtures.Inlining.Callers';

function ok(result: CompileResult): CompileSuccess {
  if (!result.ok) throw new Error(result.message);
  return result;
}

function callsTo(result: CompileSuccess, calleeName: string): number {
  return result.relocations.filter((r) => r.targetKind === 'method' && (r.annotation ?? '').startsWith(calleeName)).length;
}

function callInstructions(result: CompileSuccess): string[] {
  return disassemble(result.code, result.blocks.hotCodeBlock).map((i) => i.text).filter((t) => t.startsWith('call'));
}

function decisionFor(compile: InlineCompile, calleeName: string) {
  const found = compile.decisions.filter((d) => d.inlineeName.startsWith(calleeName));
  expect(found, `decisions about ${calleeName}`).toHaveLength(1);
  return found[0]!;
}

describe('inlining a small static callee', () => {
  const compile = compileNamed(`${CALLERS}:CallTwice`);
  const result = ok(compile.result);

  it('removes the call and its relocation', () => {
    expect(callsTo(result, 'Fixtures.Inlining.Callees:Twice')).toBe(0);
    expect(callInstructions(result)).toEqual([]);
  });

  it('reports the inline to the EE and in the result', () => {
    const d = decisionFor(compile, 'Fixtures.Inlining.Callees:Twice');
    expect(d.result).toBe(CorInfoInline.INLINE_PASS);
    expect(d.inlinerName).toContain('CallTwice');
    expect(result.metrics.inlinedCalls).toBe(1);
    expect(result.inlinees).toEqual([{ method: d.inlinee, name: 'Fixtures.Inlining.Callees:Twice(int):int', ilOffset: 1 }]);
  });

  it('is the same call without the inliner', () => {
    const plain = ok(compileNamed(`${CALLERS}:CallTwice`, { jitOptions: { JitNoInline: '1' } }).result);
    expect(callsTo(plain, 'Fixtures.Inlining.Callees:Twice')).toBe(1);
    expect(plain.inlinees).toBeUndefined();
  });
});

describe('what inlining keeps (the IR, run before and after the pass)', () => {
  const rt = inliningFixture();

  function irOf(filter: string): { inlined: IrMethod; original: IrMethod; calleeIR: (h: bigint) => IrMethod } {
    const m = rt.enumerateMethods({ filter })[0];
    if (m === undefined || !m.ok) throw new Error(filter);
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: m.method });
    const info = ji.methodInfo()!;
    const flags = jitFlagsForMode('jit');
    const original = importMethod(ji, info, flags).method;
    const imported = importMethod(ji, info, flags);
    inlinePass({ jit: ji, ee: imported.ee, method: imported.method, info, flags, options: parseJitOptions({}) });
    const calleeIR = (h: bigint): IrMethod => importMethod(ji, ji.getMethodInfo(h as never)!, flags).method;
    return { inlined: imported.method, original, calleeIR };
  }

  function hasCallTo(method: IrMethod, name: string): boolean {
    return method.layout.some((id) => method.blocks[id]!.ops.some((op) => op.op === 'call' && op.call.target.info.name.startsWith(name)));
  }

  const cases: [string, string, Value[], Value][] = [
    ['CallTwice', 'Twice', [5n], 30n],
    ['CallAddThree', 'AddThree', [2n, 3n], 12n],
    ['CallIsSmall', 'IsSmall', [3n], 1n],
    ['CallIsSmall', 'IsSmall', [12n], 0n],
    ['CallLow', 'Low', [0x1ffn], 0x100n],
    ['CallWiden', 'Widen', [-3n], -6n],
    ['CallHalf', 'Half', [3], 2.5],
    ['CallBump', 'Bump', [4n], 9n],
    ['CallPlusOne', 'PlusOne', [5n], 11n],
    ['CallForcedLoop', 'ForcedLoop', [4n], 24n],
    ['CallTwiceTwice', 'Twice', [2n], 10n],
    ['CallMakeForced', 'MakeForced', [10n], 8n],
    ['CallSumOf', 'SumOf', [4n], 7n],
  ];

  it.each(cases)('%s(%s) gives the same result with %s inlined', (caller, callee, args, expected) => {
    const { inlined, original, calleeIR } = irOf(`${CALLERS}:${caller}`);
    expect(hasCallTo(original, `Fixtures.Inlining.Callees:${callee}`) || hasCallTo(original, `Fixtures.Inlining.PairOps:${callee}`)).toBe(true);
    expect(hasCallTo(inlined, `Fixtures.Inlining.Callees:${callee}`) || hasCallTo(inlined, `Fixtures.Inlining.PairOps:${callee}`)).toBe(false);
    expect(inlined.inlinees.length).toBeGreaterThan(0);
    expect(new IrInterpreter(calleeIR).run(original, args)).toBe(expected);
    expect(new IrInterpreter(calleeIR).run(inlined, args)).toBe(expected);
  });

  it('keeps the calls an inlined body makes (one level deep)', () => {
    const { inlined } = irOf(`${CALLERS}:CallPlusOne`);
    expect(hasCallTo(inlined, 'Fixtures.Inlining.Callees:PlusOne')).toBe(false);
    expect(hasCallTo(inlined, 'Fixtures.Inlining.Callees:Twice')).toBe(true);
    const twice = inlined.layout.flatMap((id) => inlined.blocks[id]!.ops).find((op) => op.op === 'call')!;
    // The inlinee's call is attributed to the inlined call's IL offset and is not inlined in turn.
    expect(op(twice).site.ilOffset).toBe(1);
    expect(op(twice).site.inlineCandidate).toBe(false);
  });

  it('keeps the null check of an instance call', () => {
    const { inlined } = irOf(`${CALLERS}:CallGet`);
    expect(hasCallTo(inlined, 'Fixtures.Inlining.Cell:Get')).toBe(false);
    const ops = inlined.layout.flatMap((id) => inlined.blocks[id]!.ops);
    expect(ops.some((o) => o.op === 'nullCheck')).toBe(true);
  });

  it('zeroes the callee\'s locals at each entry when it has localsinit', () => {
    const { inlined } = irOf(`${CALLERS}:CallForcedLoop`);
    const ops = inlined.layout.flatMap((id) => inlined.blocks[id]!.ops);
    expect(ops.filter((o) => o.op === 'zeroVar').length).toBeGreaterThanOrEqual(2);
    // The inlinee's IL offsets do not appear in the caller.
    const ilOffsets = ops.filter((o) => o.op === 'il').map((o) => (o as { offset: number }).offset);
    expect(Math.max(...ilOffsets)).toBeLessThan(inlined.ilSize);
  });
});

function op(o: { op: string }): { site: { ilOffset: number; inlineCandidate?: boolean } } {
  return (o as unknown as { call: { site: { ilOffset: number; inlineCandidate?: boolean } } }).call;
}

describe('what the inliner refuses, and why', () => {
  it('inlines an AggressiveInlining callee larger than the size limit', () => {
    const compile = compileNamed(`${CALLERS}:CallForcedLoop`);
    const result = ok(compile.result);
    expect(decisionFor(compile, 'Fixtures.Inlining.Callees:ForcedLoop').result).toBe(CorInfoInline.INLINE_PASS);
    expect(callsTo(result, 'Fixtures.Inlining.Callees:ForcedLoop')).toBe(0);
  });

  const refusals: [string, string, string][] = [
    ['CallLoop', 'Fixtures.Inlining.Callees:Loop', `too much IL: 28 bytes (limit ${ALWAYS_INLINE_IL_SIZE} unless AggressiveInlining)`],
    ['CallNever', 'Fixtures.Inlining.Callees:Never', 'callee is marked noinline'],
    ['CallGuarded', 'Fixtures.Inlining.Callees:Guarded', 'callee has exception handling'],
    ['CallVirtualGet', 'Fixtures.Inlining.Cell:VirtualGet', 'virtual call'],
    ['CallLocked', 'Fixtures.Inlining.Callees:Locked', 'callee is synchronized'],
    ['CallStack', 'Fixtures.Inlining.Callees:Stack', 'callee uses localloc'],
  ];

  it.each(refusals)('%s: leaves the call to %s (%s)', (caller, callee, reason) => {
    const compile = compileNamed(`${CALLERS}:${caller}`);
    const result = ok(compile.result);
    const d = decisionFor(compile, callee);
    expect(d.reason).toBe(reason);
    expect(d.result).toBeLessThan(0);
    expect(result.inlinees).toBeUndefined();
    expect(result.metrics.inlinedCalls).toBe(0);
    expect(callInstructions(result)).toHaveLength(1);
  });

  it('does not inline a method into itself', () => {
    const compile = compileNamed('Fixtures.Inlining.Callees:Countdown');
    const d = decisionFor(compile, 'Fixtures.Inlining.Callees:Countdown');
    expect(d.reason).toBe('recursive call');
    expect(d.result).toBe(CorInfoInline.INLINE_FAIL);
    expect(callsTo(ok(compile.result), 'Fixtures.Inlining.Callees:Countdown')).toBe(1);
  });

  it('asks canInline only for candidates that pass its own checks', () => {
    expect(compileNamed(`${CALLERS}:CallLoop`).asked).not.toContain('canInline');
    expect(compileNamed(`${CALLERS}:CallTwice`).asked).toContain('canInline');
  });
});

describe('JitNoInline=1', () => {
  it('turns the inliner off: no inlining, no canInline, no reports', () => {
    const compile = compileNamed(`${CALLERS}:CallTwiceTwice`, { jitOptions: { JitNoInline: '1' } });
    const result = ok(compile.result);
    expect(callsTo(result, 'Fixtures.Inlining.Callees:Twice')).toBe(2);
    expect(compile.asked).not.toContain('canInline');
    expect(compile.asked).not.toContain('reportInliningDecision');
    expect(compile.decisions).toEqual([]);
    expect(result.inlinees).toBeUndefined();
  });
});

describe('ReadyToRun: the version bubble', () => {
  it('does not inline a corlib callee into a program method (canInline refuses)', () => {
    const compile = compileNamed(`${CALLERS}:CallStringLength`, { mode: 'r2r' });
    const d = decisionFor(compile, 'System.String:get_Length');
    expect(d.result).toBe(CorInfoInline.INLINE_FAIL);
    expect(d.reason).toBe('EE refused: canInline said INLINE_FAIL');
    expect(callsTo(ok(compile.result), 'System.String:get_Length')).toBe(1);
  });

  it('inlines the same corlib callee in jit mode', () => {
    const compile = compileNamed(`${CALLERS}:CallStringLength`, { mode: 'jit' });
    expect(decisionFor(compile, 'System.String:get_Length').result).toBe(CorInfoInline.INLINE_PASS);
    expect(callsTo(ok(compile.result), 'System.String:get_Length')).toBe(0);
  });

  it('inlines a small callee from the same assembly', () => {
    const compile = compileNamed(`${CALLERS}:CallTwice`, { mode: 'r2r' });
    expect(decisionFor(compile, 'Fixtures.Inlining.Callees:Twice').result).toBe(CorInfoInline.INLINE_PASS);
    const result = ok(compile.result);
    expect(callsTo(result, 'Fixtures.Inlining.Callees:Twice')).toBe(0);
    expect(result.inlinees).toHaveLength(1);
  });
});
