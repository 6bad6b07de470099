import { describe, expect, it } from 'vitest';
import {
  CORINFO_EH_CLAUSE_FLAGS, CorInfoMethodFlags, CorInfoType, NO_JIT_FLAGS, type CompileSuccess,
} from '../../src/jitee/index.js';
import { baseJit, createModelJit, dumpMethod, type IrPass } from '../../src/jit/index.js';
import { wrapBodyInTry } from '../../src/jit/ir/wrap-body.js';
import { disassemble } from '../../src/jit/x64/index.js';
import { FAKE_CODE_ADDRESS, FAKE_HELPER_BASE, fakeMethod } from './fake-ee.js';
import { il, rel8 } from './il-builder.js';

const I4 = CorInfoType.CORINFO_TYPE_INT;

function helperAddress(helper: number): string {
  return `0x${(FAKE_HELPER_BASE + BigInt(helper) * 0x40n).toString(16).toUpperCase()}`;
}

describe('the synchronized-method pass', () => {
  it('takes the monitor of this around the whole body and releases it in a finally', () => {
    // if (arg) return 1; return 2;  — two returns merged after the finally.
    const f = fakeMethod({
      il: il('ldarg.1', 'brfalse.s', rel8(2), 'ldc.i4.1', 'ret', 'ldc.i4.2', 'ret'), hasThis: true, args: [I4], ret: I4,
      queries: { getMethodAttribs: () => CorInfoMethodFlags.CORINFO_FLG_SYNCHRONIZED },
    });
    const result = baseJit.compileMethod(f.ji, f.info, NO_JIT_FLAGS, {});
    expect(result.ok).toBe(true);
    const r = result as CompileSuccess;
    expect(r.ehClauses).toHaveLength(1);
    const [clause] = r.ehClauses;
    expect(clause!.flags).toBe(CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY);
    const text = disassemble(r.code, FAKE_CODE_ADDRESS);
    const enter = text.find((d) => d.text.includes(helperAddress(77)))!;
    const exit = text.find((d) => d.text.includes(helperAddress(78)))!;
    expect(enter.offset).toBeGreaterThanOrEqual(clause!.tryOffset);
    expect(enter.offset).toBeLessThan(clause!.tryOffset + clause!.tryLength);
    expect(exit.offset).toBeGreaterThanOrEqual(clause!.handlerOffset);
    expect(exit.offset).toBeLessThan(clause!.handlerOffset + clause!.handlerLength);
    // Both returns call the finally (a call into the method's own code) before reaching the single epilog.
    const handlerAddress = `0x${(FAKE_CODE_ADDRESS + BigInt(clause!.handlerOffset)).toString(16).toUpperCase()}`;
    expect(text.filter((d) => d.text === `call     ${handlerAddress}`)).toHaveLength(2);
    expect(text.filter((d) => d.text === 'ret')).toHaveLength(1);
  });

  it('leaves other methods alone', () => {
    const f = fakeMethod({ il: il('ldc.i4.1', 'ret'), ret: I4 });
    const result = baseJit.compileMethod(f.ji, f.info, NO_JIT_FLAGS, {});
    expect(result.ok && result.ehClauses.length).toBe(0);
  });
});

describe('IR passes', () => {
  it('can wrap the whole body in a try/fault with a merged return (the runtime-async shape)', () => {
    let dump = '';
    const wrapInFault: IrPass = ({ method }) => {
      const w = wrapBodyInTry(method, 'fault');
      w.handler.ops.push({ op: 'endFinally', clause: w.clause });
      dump = dumpMethod(method);
    };
    const jit = createModelJit('test', 'diff', [wrapInFault]);
    const f = fakeMethod({ il: il('ldarg.0', 'brfalse.s', rel8(2), 'ldc.i4.1', 'ret', 'ldc.i4.2', 'ret'), args: [I4], ret: I4 });
    const result = jit.compileMethod(f.ji, f.info, NO_JIT_FLAGS, {});
    expect(result.ok).toBe(true);
    expect(dump).toContain('clause 0: fault try B0..B2 handler B3..B3');
    expect(dump).toMatch(/B4:\n {4}return t\d+/);
    expect(dump).not.toContain('call finally');
    const r = result as CompileSuccess;
    expect(r.ehClauses[0]!.flags).toBe(CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FAULT);
  });
});
