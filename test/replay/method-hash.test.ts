import { describe, expect, it } from 'vitest';
import { methodHandle } from '../../src/jitee/index.js';
import { methodHash } from '../../src/mc/method-hash.js';
import { MethodContext } from '../../src/mc/method-context.js';
import { METHOD_INFO } from '../agnostic/samples.js';

describe('method hash', () => {
  const base = methodHash(METHOD_INFO, 0);

  it('is 32 hex digits and stable', () => {
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(methodHash(METHOD_INFO, 0)).toBe(base);
    // Pinned: changing the definition changes every .mct and removedup decision.
    expect(base).toBe(methodHash({ ...METHOD_INFO, ILCode: Uint8Array.from(METHOD_INFO.ILCode) }, 0));
    expect(base).toBe('b28b1775c92aba396f5189121815ec2f');
  });

  it('changes with the IL, the signatures and the flags', () => {
    const others = [
      methodHash({ ...METHOD_INFO, ILCode: Uint8Array.from([0x02, 0x03, 0x59, 0x2a]) }, 0),
      methodHash({ ...METHOD_INFO, args: { ...METHOD_INFO.args, pSig: Uint8Array.from([0x20, 0x02, 0x08, 0x08, 0x0d]) } }, 0),
      methodHash({ ...METHOD_INFO, locals: { ...METHOD_INFO.locals, pSig: Uint8Array.from([0x07, 0x01, 0x08]) } }, 0),
      methodHash(METHOD_INFO, 1 << 11),
      // Bytes moved from the IL to the signature are a different method.
      methodHash(
        { ...METHOD_INFO, ILCode: METHOD_INFO.ILCode.subarray(0, 3), args: { ...METHOD_INFO.args, pSig: Uint8Array.from([0x2a, ...METHOD_INFO.args.pSig]) } },
        0,
      ),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('ignores handles (the same IL compiled in another process is a duplicate)', () => {
    expect(methodHash({ ...METHOD_INFO, ftn: methodHandle(0x1230n) }, 0)).toBe(base);
  });

  it('is what a context reports for its root', () => {
    const mc = new MethodContext({ method: METHOD_INFO.ftn, methodName: 'M', flags: 0, methodInfo: METHOD_INFO, mode: 'jit', interfaceVersions: [] });
    expect(mc.methodHash()).toBe(base);
  });
});
