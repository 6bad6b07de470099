import { describe, expect, it } from 'vitest';
import { CORINFO_EH_CLAUSE_FLAGS, CorInfoType, NO_JIT_FLAGS } from '../../src/jitee/index.js';
import { dumpMethod, importMethod } from '../../src/jit/index.js';
import { importInstruction } from '../../src/jit/importer/instructions.js';
import { JitLimitation } from '../../src/jit/il/il-error.js';
import { OPCODES, PREFIX_NAMES, TWO_BYTE_BASE } from '../../src/jit/il/opcodes.js';
import { EECache } from '../../src/jit/importer/ee-cache.js';
import { ImportState } from '../../src/jit/importer/state.js';
import { newBlock, newMethod } from '../../src/jit/ir/method.js';
import { T } from '../../src/jit/ir/types.js';
import type { FakeCompile } from './fake-ee.js';
import { fakeMethod, i32, type FakeMethodSpec } from './fake-ee.js';
import { il, rel8 } from './il-builder.js';

const I4 = CorInfoType.CORINFO_TYPE_INT;
const I8 = CorInfoType.CORINFO_TYPE_LONG;
const R8 = CorInfoType.CORINFO_TYPE_DOUBLE;
const OBJ = CorInfoType.CORINFO_TYPE_CLASS;

/** The IR of a fake method without the IL-offset markers. */
function irOf(spec: FakeMethodSpec): string {
  const f = fakeMethod(spec);
  const { method } = importMethod(f.ji, f.info, NO_JIT_FLAGS);
  return dumpMethod(method).split('\n').filter((l) => !/^ {4}IL_/.test(l)).join('\n');
}

describe('importer', () => {
  it('reads arguments lazily and computes into stack temporaries', () => {
    expect(irOf({ il: il('ldarg.0', 'ldarg.1', 'add', 'ret'), args: [I4, I4], ret: I4 })).toBe([
      'IR of Tests.Fake:Test(int,int):int',
      'B0 (IL_0000):',
      '    s0.i4 = add.i4 arg0, arg1',
      '    return s0.i4',
      '',
    ].join('\n'));
  });

  it('lets stloc retarget the operation that produced the value', () => {
    expect(irOf({ il: il('ldarg.0', 'ldc.i4.1', 'add', 'stloc.0', 'ldloc.0', 'ret'), args: [I4], ret: I4, locals: [I4] }))
      .toContain('    loc0 = add.i4 arg0, 1\n    return loc0');
  });

  it('materialises a deferred read of a local before the local is stored', () => {
    const ir = irOf({ il: il('ldloc.0', 'ldc.i4.5', 'stloc.0', 'ret'), ret: I4, locals: [I4] });
    expect(ir).toContain('    s0.i4 = loc0\n    loc0 = 5\n    return s0.i4');
  });

  it('never defers reads of address-taken locals', () => {
    const ir = irOf({ il: il('ldloca.s', [0], 'pop', 'ldloc.0', 'ret'), ret: I4, locals: [I4] });
    expect(ir).toContain('    s0.i4 = loc0\n    return s0.i4');
  });

  it('leaves stack entries in the same temporaries on every edge into a join', () => {
    // ldarg.0; brtrue L1; ldc.i4.1; br.s L2; L1: ldc.i4.2; L2: ret
    const ir = irOf({ il: il('ldarg.0', 'brtrue.s', rel8(3), 'ldc.i4.1', 'br.s', rel8(1), 'ldc.i4.2', 'ret'), args: [I4], ret: I4 });
    expect(ir).toBe([
      'IR of Tests.Fake:Test(int):int',
      'B0 (IL_0000):',
      '    if true.i4 arg0 then B2 else B1',
      'B1 (IL_0003):',
      '    s0.i4 = 1',
      '    jump B3',
      'B2 (IL_0006):',
      '    s0.i4 = 2',
      '    jump B3',
      'B3 (IL_0007):',
      '    return s0.i4',
      '',
    ].join('\n'));
  });

  it('widens mixed operands in the operation, not with extra copies', () => {
    const ir = irOf({ il: il('ldarg.0', 'ldarg.1', 'conv.r8', 'mul', 'ret'), args: [R8, I8], ret: R8 });
    expect(ir).toContain('s1.f8 = conv.f8 arg1 (i8)');
    expect(ir).toContain('s0.f8 = mul.f8 arg0, s1.f8');
  });

  it('imports try/finally as calls to the finally at each leave', () => {
    // try { nop; leave.s END } finally { endfinally } END: ret
    const code = il('nop', 'leave.s', rel8(1), 'endfinally', 'ret');
    const eh = [{ flags: CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY, tryOffset: 0, tryLength: 3, handlerOffset: 3, handlerLength: 1, classTokenOrFilterOffset: 0 }];
    expect(irOf({ il: code, eh })).toBe([
      'IR of Tests.Fake:Test()',
      '  clause 0: finally try B0..B0 handler B1..B1',
      'B0 (IL_0000):',
      '    call finally of clause 0',
      '    jump B2',
      'B1 (IL_0003):',
      '    handler entry (return address in t0)',
      '    endfinally 0',
      'B2 (IL_0004):',
      '    return',
      '',
    ].join('\n'));
  });

  it('starts a catch handler with the exception object and ends the catch when leaving it', () => {
    // try { leave.s END } catch (token) { pop; leave.s END } END: ret
    const code = il('leave.s', rel8(3), 'pop', 'leave.s', rel8(0), 'ret');
    const eh = [{ flags: CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_NONE, tryOffset: 0, tryLength: 2, handlerOffset: 2, handlerLength: 3, classTokenOrFilterOffset: 0x01000001 }];
    const ir = irOf({ il: code, eh });
    expect(ir).toContain('B1 (IL_0002):\n    s0.ref = exception\n    call CORINFO_HELP_ENDCATCH()\n    jump B2');
  });

  it('imports switch with its fall-through', () => {
    const code = il('ldarg.0', 'switch', i32(2), i32(1), i32(2), 'ret', 'ret', 'ret');
    const ir = irOf({ il: code, args: [I4] });
    expect(ir).toContain('switch arg0 [B2, B3] else B1');
  });

  it('reports malformed IL as BADCODE and unsupported features as IMPLLIMITATION', () => {
    const underflow = fakeMethod({ il: il('add', 'ret'), ret: I4 });
    expect(() => importMethod(underflow.ji, underflow.info, NO_JIT_FLAGS)).toThrow(/stack underflow/);
    const calli = fakeMethod({ il: il('ldnull', 'calli', i32(0x11000001), 'ret') });
    expect(() => importMethod(calli.ji, calli.info, NO_JIT_FLAGS)).toThrow(JitLimitation);
    const join = fakeMethod({ il: il('ldarg.0', 'brtrue.s', rel8(1), 'ldnull', 'ret'), args: [I4], ret: OBJ });
    expect(() => importMethod(join.ji, join.info, NO_JIT_FLAGS)).toThrow(/stack depth/);
  });

  it('has a case for every opcode of the instruction set', () => {
    // Each opcode is fed to the dispatch on a stack of plausible entries; whatever it then
    // asks the (empty) fake EE for may fail, but never as an unknown opcode.
    let handled = 0;
    for (const info of OPCODES) {
      if (info === undefined || PREFIX_NAMES.includes(info.name)) continue;
      const ins = {
        offset: 0, opcode: info.code, next: info.code >= TWO_BYTE_BASE ? 2 : 1, operand: 0, operand64: 0n, operandFloat: 0,
        targets: info.name === 'switch' ? [] : undefined, prefixes: 0, constrainedToken: 0, prefixOperand: 0,
      };
      let error: unknown;
      try {
        const g = fakeMethod({ il: il('ret') });
        const s = stateFor(g);
        importInstruction(s, ins, { blocks: [], blockAt: new Int32Array(4).fill(0), instructionAt: new Int32Array(4) });
      } catch (err) {
        error = err;
      }
      expect(error instanceof JitLimitation && error.reason === 'unknown opcode', info.name).toBe(false);
      handled++;
    }
    expect(handled).toBe(219 - PREFIX_NAMES.length);
  });
});

/** An import state with a current block and a stack of three native ints. */
function stateFor(f: FakeCompile): ImportState {
  const method = newMethod({ handle: f.info.ftn, name: 'x', returnType: undefined, initLocals: true, sig: f.info.args, ilSize: 1 });
  const s = new ImportState(f.ji, new EECache(f.ji), f.info, method, NO_JIT_FLAGS);
  s.block = newBlock(method, 0);
  s.entryStates.push(undefined, undefined);
  s.beginInstruction({ offset: 0, opcode: 0, next: 1, operand: 0, operand64: 0n, operandFloat: 0, targets: undefined, prefixes: 0, constrainedToken: 0, prefixOperand: 0 });
  for (let i = 0; i < 3; i++) s.push(T.i, { k: 'int', value: 0n, type: T.i });
  return s;
}
