import { describe, expect, it } from 'vitest';
import {
  NULL_CLASS_HANDLE,
  NULL_METHOD_HANDLE,
  classContext,
  classHandle,
  codeAddress,
  contextClass,
  contextIsClass,
  contextMethod,
  formatHandle,
  isNullHandle,
  methodContext,
  methodHandle,
} from '../../src/jitee/index.js';

describe('handles', () => {
  it('are bigints with 0n as null', () => {
    const m = methodHandle(0x1234);
    expect(typeof m).toBe('bigint');
    expect(m).toBe(0x1234n);
    expect(isNullHandle(NULL_METHOD_HANDLE)).toBe(true);
    expect(isNullHandle(m)).toBe(false);
    expect(codeAddress(0xffff_ffff_ffff_ffffn)).toBe(0xffff_ffff_ffff_ffffn);
  });

  it('reject values outside 64 bits', () => {
    expect(() => methodHandle(-1)).toThrow(RangeError);
    expect(() => classHandle(1n << 64n)).toThrow(RangeError);
  });

  it('print as 16 hex digits', () => {
    expect(formatHandle(methodHandle(0xabc))).toBe('0x0000000000000abc');
  });

  it('wrap methods and classes into contexts by the low bit', () => {
    const m = methodHandle(0x1000);
    const c = classHandle(0x2000);
    const mc = methodContext(m);
    const cc = classContext(c);
    expect(contextIsClass(mc)).toBe(false);
    expect(contextIsClass(cc)).toBe(true);
    expect(contextMethod(mc)).toBe(m);
    expect(contextClass(mc)).toBe(NULL_CLASS_HANDLE);
    expect(contextClass(cc)).toBe(c);
    expect(contextMethod(cc)).toBe(NULL_METHOD_HANDLE);
    expect(() => classContext(classHandle(0x2001))).toThrow(RangeError);
  });
});
