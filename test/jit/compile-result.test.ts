import { describe, expect, it } from 'vitest';
import {
  CORINFO_EH_CLAUSE_FLAGS, CorInfoHelpFunc, CorInfoType, CorJitFlag, CorJitResult, EEError, MappingTypes, NO_JIT_FLAGS, RelocType,
  SourceTypes, UnwindOp, jitFlags, type CompileSuccess,
} from '../../src/jitee/index.js';
import { baseJit, diffJit, formatCompileListing } from '../../src/jit/index.js';
import { disassemble } from '../../src/jit/x64/index.js';
import { FAKE_CODE_ADDRESS, FAKE_HELPER_BASE, fakeMethod, i32 } from './fake-ee.js';
import { il, rel8 } from './il-builder.js';

const I4 = CorInfoType.CORINFO_TYPE_INT;

function compileOk(spec: Parameters<typeof fakeMethod>[0]): { result: CompileSuccess; f: ReturnType<typeof fakeMethod> } {
  const f = fakeMethod(spec);
  const result = baseJit.compileMethod(f.ji, f.info, NO_JIT_FLAGS, {});
  if (!result.ok) throw new Error(result.message);
  return { result, f };
}

describe('compile results', () => {
  it('place the code at the address allocMem gave, with rel32 fields patched for it', () => {
    const { result } = compileOk({ il: il('ldarg.0', 'ldarg.1', 'div', 'ret'), args: [I4, I4], ret: I4 });
    expect(result.blocks.hotCodeBlock).toBe(FAKE_CODE_ADDRESS);
    const text = disassemble(result.code, FAKE_CODE_ADDRESS).map((d) => d.text);
    expect(text).toContain('idiv     ecx');
    const divZero = FAKE_HELPER_BASE + BigInt(CorInfoHelpFunc.CORINFO_HELP_THROWDIVZERO) * 0x40n;
    expect(text).toContain(`call     0x${divZero.toString(16).toUpperCase()}`);
    for (const r of result.relocations) {
      expect(r.type).toBe(RelocType.IMAGE_REL_BASED_REL32);
      const field = new DataView(result.code.buffer, result.code.byteOffset).getInt32(r.offset, true);
      expect(BigInt(field)).toBe(r.target - (FAKE_CODE_ADDRESS + BigInt(r.offset + 4)) + BigInt(r.addlDelta));
      expect(r.targetKind).toBe('helper');
    }
    expect(result.relocations.map((r) => r.annotation).sort()).toEqual(['CORINFO_HELP_OVERFLOW', 'CORINFO_HELP_THROWDIVZERO']);
  });

  it('report to the EE exactly what they return', () => {
    const eh = [{ flags: CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY, tryOffset: 0, tryLength: 3, handlerOffset: 3, handlerLength: 1, classTokenOrFilterOffset: 0 }];
    const { result, f } = compileOk({ il: il('nop', 'leave.s', rel8(1), 'endfinally', 'ret'), eh });
    const reported = f.collector.reported;
    expect(reported.allocMem!.args.hotCodeSize).toBe(result.code.length);
    expect(reported.ehClauses).toEqual(result.ehClauses);
    expect(reported.boundaries).toEqual(result.boundaries);
    expect(reported.gcInfo).toEqual(result.gcInfo);
    expect(reported.unwindInfo).toEqual(result.unwindInfo);
    expect(reported.relocations).toHaveLength(result.relocations.length);
    expect(reported.reservedUnwind).toHaveLength(1);
    const [clause] = result.ehClauses;
    expect(clause!.flags).toBe(CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY);
    expect(clause!.tryOffset + clause!.tryLength).toBe(clause!.handlerOffset);
    expect(clause!.handlerOffset + clause!.handlerLength).toBeLessThanOrEqual(result.code.length);
  });

  it('describe the prolog in unwind info and map IL offsets to native code', () => {
    const { result } = compileOk({ il: il('ldarg.0', 'brtrue.s', rel8(2), 'ldc.i4.0', 'ret', 'ldc.i4.1', 'ret'), args: [I4], ret: I4 });
    const [unwind] = result.unwindInfo;
    // A leaf method without temporaries needs no allocation: push rbp; mov rbp, rsp.
    expect(unwind!.codes.map((c) => c.op)).toEqual([UnwindOp.UWOP_PUSH_NONVOL, UnwindOp.UWOP_SET_FPREG]);
    expect(disassemble(result.code, FAKE_CODE_ADDRESS).slice(0, 2).map((d) => d.text)).toEqual(['push     rbp', 'mov      rbp, rsp']);
    expect(unwind!.frameRegister).toBe('rbp');
    expect(result.metrics.prologSize).toBe(unwind!.prologSize);
    const b = result.boundaries;
    expect(b[0]).toEqual({ nativeOffset: 0, ilOffset: MappingTypes.PROLOG, source: SourceTypes.STACK_EMPTY });
    expect(b.filter((m) => m.ilOffset === 0 || m.ilOffset === 3 || m.ilOffset === 5)).toHaveLength(3);
    expect(b.some((m) => m.ilOffset === MappingTypes.EPILOG)).toBe(true);
    for (let i = 1; i < b.length; i++) expect(b[i]!.nativeOffset).toBeGreaterThanOrEqual(b[i - 1]!.nativeOffset);
  });

  it('report GC slots for references and a safe point after every call', () => {
    const { result } = compileOk({
      il: il('ldarg.0', 'stloc.0', 'ldloc.0', 'throw'), args: [CorInfoType.CORINFO_TYPE_CLASS], locals: [CorInfoType.CORINFO_TYPE_CLASS],
    });
    const gc = result.gcInfo;
    expect(gc.frameRegister).toBe('rbp');
    expect(gc.slots.map((s) => s.gcType)).toEqual(['ref', 'ref']);
    expect(gc.untrackedSlots).toEqual([0, 1]);
    expect(gc.safePoints).toHaveLength(1);
    const decoded = disassemble(result.code, FAKE_CODE_ADDRESS);
    const call = decoded.find((d) => d.text.startsWith('call'))!;
    expect(gc.safePoints[0]!.codeOffset).toBe(call.offset + call.length);
  });

  it('turn EE errors into failures and let other exceptions through', () => {
    const ee = fakeMethod({ il: il('ldsfld', i32(0x04000001), 'ret'), ret: I4, queries: { resolveToken: () => { throw new EEError('BadToken', 'no such field'); } } });
    const failure = baseJit.compileMethod(ee.ji, ee.info, NO_JIT_FLAGS, {});
    expect(failure).toMatchObject({ ok: false, result: CorJitResult.CORJIT_BADCODE, eeError: { kind: 'BadToken' } });
    expect(ee.collector.reported.fatalError?.result).toBe(CorJitResult.CORJIT_BADCODE);

    class MissingData extends Error {}
    const missing = fakeMethod({ il: il('ldsfld', i32(0x04000001), 'ret'), ret: I4, queries: { resolveToken: () => { throw new MissingData('not recorded'); } } });
    expect(() => diffJit.compileMethod(missing.ji, missing.info, NO_JIT_FLAGS, {})).toThrow(MissingData);

    const limited = fakeMethod({ il: il('arglist', 'pop', 'ret') });
    const limitation = baseJit.compileMethod(limited.ji, limited.info, NO_JIT_FLAGS, {});
    expect(limitation).toMatchObject({ ok: false, result: CorJitResult.CORJIT_IMPLLIMITATION });
  });

  it('list as .dasm with helper calls named', () => {
    const { result } = compileOk({ il: il('ldarg.0', 'ldarg.1', 'rem', 'ret'), args: [I4, I4], ret: I4 });
    const text = formatCompileListing(result, 0x1234_5678);
    expect(text).toContain('; Assembly listing for method Tests.Fake:Test(int,int):int (Tier0)');
    expect(text).toContain('call     CORINFO_HELP_THROWDIVZERO');
    expect(text).toMatch(/; Total bytes of code \d+, prolog size 10, PerfScore [\d.]+, instruction count \d+/);
  });
});

describe('debug info', () => {
  it('maps the IL offsets the EE asks for when compiling with CORJIT_FLAG_DEBUG_INFO', () => {
    const code = il('ldarg.0', 'ldarg.1', 'add', 'ret');
    const plain = fakeMethod({ il: code, args: [I4, I4], ret: I4 });
    const r1 = baseJit.compileMethod(plain.ji, plain.info, NO_JIT_FLAGS, {});
    expect(r1.ok && r1.boundaries.some((b) => b.ilOffset === 1)).toBe(false);
    const debug = fakeMethod({ il: code, args: [I4, I4], ret: I4, queries: { getBoundaries: () => ({ ilOffsets: [1, 2], implicitBoundaries: 0 }) } });
    const r2 = baseJit.compileMethod(debug.ji, debug.info, jitFlags(CorJitFlag.CORJIT_FLAG_DEBUG_INFO), {});
    expect(r2.ok).toBe(true);
    const mapped = (r2 as CompileSuccess).boundaries.filter((b) => b.ilOffset === 1 || b.ilOffset === 2);
    expect(mapped.map((b) => [b.ilOffset, b.source])).toEqual([[1, SourceTypes.SEQUENCE_POINT], [2, SourceTypes.SEQUENCE_POINT]]);
  });
});
