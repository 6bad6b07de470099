import { describe, expect, it } from 'vitest';
import { NO_ARGS_KEY, recordedEntry } from '../../src/agnostic/index.js';
import {
  CorInfoHelpFunc,
  CorInfoInline,
  CorInfoTokenKind,
  NULL_CLASS_HANDLE,
  NULL_CONTEXT_HANDLE,
  methodContext,
} from '../../src/jitee/index.js';
import { C1, M1, M2, MOD, QUERY_SAMPLES, TOKEN } from './samples.js';

describe('keys', () => {
  it('are the same for an omitted optional argument and its default', () => {
    const info = recordedEntry('getMethodInfo');
    expect(info.keyOf([M1])).toBe(info.keyOf([M1, NULL_CONTEXT_HANDLE]));
    expect(info.keyOf([M1])).toBe(info.keyOf([M1, undefined]));
    expect(info.keyOf([M1])).not.toBe(info.keyOf([M1, methodContext(M1)]));
    const sig = recordedEntry('getMethodSig');
    expect(sig.keyOf([M1])).toBe(sig.keyOf([M1, NULL_CLASS_HANDLE]));
    const align = recordedEntry('getClassAlignmentRequirement');
    expect(align.keyOf([C1])).toBe(align.keyOf([C1, false]));
    expect(align.keyOf([C1])).not.toBe(align.keyOf([C1, true]));
  });

  it('do not depend on property order or on properties the schema does not name', () => {
    const resolve = recordedEntry('resolveToken');
    const input = QUERY_SAMPLES.resolveToken[0]!.args[0];
    const reordered = { tokenType: input.tokenType, token: input.token, tokenScope: input.tokenScope, tokenContext: input.tokenContext };
    expect(resolve.keyOf([reordered])).toBe(resolve.keyOf([input]));
    // The JIT may pass a whole resolved token where only the inputs matter.
    expect(resolve.keyOf([TOKEN])).toBe(resolve.keyOf([input]));
  });

  it('are compact and readable', () => {
    expect(recordedEntry('getHelperFtn').keyOf([CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS])).toBe('197');
    expect(recordedEntry('getAsyncInfo').keyOf([])).toBe(NO_ARGS_KEY);
    expect(recordedEntry('getAsyncInfo').keyOf([])).toBe('0');
    expect(recordedEntry('canInline').keyOf([M1, M2])).toBe('30000000120,30000005560');
    expect(recordedEntry('getStringLiteral').keyOf([MOD, 0x70000001])).toBe('10000000100,1879048193');
    expect(recordedEntry('getContinuationType').keyOf([24, [true, false]])).toBe('24,[1,0]');
  });

  it('tell apart arguments that only differ inside strings and blobs', () => {
    const report = recordedEntry('reportInliningDecision');
    const a = report.keyOf([M1, M2, CorInfoInline.INLINE_FAIL, 'a,b']);
    const b = report.keyOf([M1, M2, CorInfoInline.INLINE_FAIL, 'a\\",b']);
    expect(a).not.toBe(b);
    expect(report.parseKey(b)[3]).toBe('a\\",b');
    const cast = recordedEntry('getCastingHelper');
    const withSpec = cast.keyOf([{ ...TOKEN, pTypeSpec: Uint8Array.from([1]), pMethodSpec: new Uint8Array(0) }, true]);
    const withMethodSpec = cast.keyOf([{ ...TOKEN, pTypeSpec: new Uint8Array(0), pMethodSpec: Uint8Array.from([1]) }, true]);
    expect(withSpec).not.toBe(withMethodSpec);
  });

  it('are the same for -0 and 0, and for Buffer and Uint8Array bytes', () => {
    const field = recordedEntry('getFieldInClass');
    expect(field.keyOf([C1, -0])).toBe(field.keyOf([C1, 0]));
    const cast = recordedEntry('getCastingHelper');
    expect(cast.keyOf([{ ...TOKEN, pMethodSpec: Buffer.from(TOKEN.pMethodSpec) }, false])).toBe(cast.keyOf([TOKEN, false]));
  });

  it('print as the call arguments', () => {
    const helper = recordedEntry('getHelperFtn');
    expect(helper.printKey('197')).toBe('CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS');
    expect(recordedEntry('canInline').printArgs([M1, M2])).toBe('0x0000030000000120, 0x0000030000005560');
    expect(recordedEntry('resolveToken').printArgs([{ ...TOKEN, tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Method }])).toBe(
      '{tokenContext: 0x0000030000000120, tokenScope: 0x0000010000000100, token: 0x0a000012, tokenType: CORINFO_TOKENKIND_Method}',
    );
    // A key that does not parse is shown as it is.
    expect(helper.printKey('zz')).toBe('zz');
    expect(() => helper.parseKey('197,3')).toThrow(/bad key/);
  });
});
