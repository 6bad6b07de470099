import { describe, expect, it } from 'vitest';
import {
  CORINFO_QUERY_NAMES,
  CORJIT_RESULT_SINK_NAMES,
  CompileReportCollector,
  CorInfoHelpFunc,
  CorJitResult,
  EEError,
  INTERFACE_VERSIONS,
  RelocType,
  codeAddress,
  failureFromEEError,
  getInterfaceVersion,
  interfaceVersionByIdentifier,
  isEEError,
  isJitModule,
  locateInBlocks,
  methodHandle,
  CORINFO_EH_CLAUSE_FLAGS,
  type AllocMemArgs,
  type JitModule,
  compileFailure,
} from '../../src/jitee/index.js';

describe('interface versions', () => {
  it('describe base and diff', () => {
    expect(getInterfaceVersion('base').helpers.count).toBe(197);
    expect(getInterfaceVersion('diff').helpers.count).toBe(203);
    expect(INTERFACE_VERSIONS.base.asyncInfoHasMethodHandles).toBe(true);
    expect(INTERFACE_VERSIONS.diff.asyncInfoHasMethodHandles).toBe(false);
    expect(INTERFACE_VERSIONS.base.r2rHelpers.version).toBe('base');
    expect(INTERFACE_VERSIONS.diff.r2rHelpers.version).toBe('diff');
    expect(interfaceVersionByIdentifier(INTERFACE_VERSIONS.diff.identifier)?.id).toBe('diff');
    expect(() => getInterfaceVersion('next')).toThrow(/unknown JIT-EE interface version/);
  });
});

describe('EEError', () => {
  it('round-trips through its recordable form', () => {
    const err = new EEError('BadToken', 'token 0x0a000099 does not resolve');
    const back = EEError.fromData(err.toData());
    expect(isEEError(back)).toBe(true);
    expect(back.kind).toBe('BadToken');
    expect(back.message).toBe(err.message);
    expect(() => EEError.fromData({ kind: 'Nope' as never, message: '' })).toThrow(RangeError);
  });

  it('becomes a compile failure carrying the error', () => {
    const f = failureFromEEError(new EEError('TypeLoad', 'cannot load Foo'));
    expect(f.ok).toBe(false);
    expect(f.result).toBe(CorJitResult.CORJIT_BADCODE);
    expect(f.eeError).toEqual({ kind: 'TypeLoad', message: 'cannot load Foo' });
    expect(compileFailure(CorJitResult.CORJIT_IMPLLIMITATION, 'x')).toEqual({
      ok: false,
      result: CorJitResult.CORJIT_IMPLLIMITATION,
      message: 'x',
    });
  });
});

describe('JitInterface method lists', () => {
  it('name each method once', () => {
    const all = [...CORINFO_QUERY_NAMES, ...CORJIT_RESULT_SINK_NAMES];
    expect(new Set(all).size).toBe(all.length);
    expect(CORINFO_QUERY_NAMES).toContain('getAsyncInfo');
    expect(CORINFO_QUERY_NAMES).toContain('getHelperFtn');
  });
});

describe('CompileReportCollector', () => {
  const sizes: AllocMemArgs = { hotCodeSize: 0x40, coldCodeSize: 0, roDataSize: 0x10, xcptnsCount: 1, flag: 0 };
  const blocks = { hotCodeBlock: codeAddress(0x10000), coldCodeBlock: codeAddress(0), roDataBlock: codeAddress(0x20000) };

  it('keeps what the JIT reports', () => {
    const c = new CompileReportCollector(() => blocks);
    expect(c.allocMem(sizes)).toBe(blocks);
    expect(() => c.allocMem(sizes)).toThrow(/twice/);
    c.recordRelocation(codeAddress(0x10005), codeAddress(0x7000), RelocType.IMAGE_REL_BASED_REL32, 0);
    c.setEHcount(1);
    const clause = {
      flags: CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FAULT,
      tryOffset: 0,
      tryLength: 4,
      handlerOffset: 4,
      handlerLength: 4,
      classTokenOrFilterOffset: 0,
    };
    c.setEHinfo(0, clause);
    expect(() => c.setEHinfo(1, clause)).toThrow(RangeError);
    c.setBoundaries(methodHandle(2), [{ nativeOffset: 0, ilOffset: 0, source: 1 }]);
    c.reportFatalError(CorJitResult.CORJIT_BADCODE, 'bad');
    expect(c.reported.relocations).toHaveLength(1);
    expect(c.reported.ehClauses).toEqual([clause]);
    expect(c.reported.fatalError?.message).toBe('bad');
    c.reset();
    expect(c.reported.relocations).toHaveLength(0);
    expect(c.reported.allocMem).toBeUndefined();
  });

  it('locates addresses in the allocated blocks', () => {
    expect(locateInBlocks(blocks, sizes, codeAddress(0x10005))).toEqual({ block: 'hot', offset: 5 });
    expect(locateInBlocks(blocks, sizes, codeAddress(0x2000f))).toEqual({ block: 'rodata', offset: 15 });
    expect(locateInBlocks(blocks, sizes, codeAddress(0x10040))).toBeUndefined();
    expect(locateInBlocks(blocks, sizes, codeAddress(0))).toBeUndefined();
  });
});

describe('JitModule', () => {
  it('is recognised by shape', () => {
    const jit: JitModule = {
      name: 'stub',
      interfaceVersion: 'diff',
      compileMethod: () => compileFailure(CorJitResult.CORJIT_SKIPPED, 'stub'),
    };
    expect(isJitModule(jit)).toBe(true);
    expect(isJitModule({ name: 'x', interfaceVersion: 'other', compileMethod: () => 0 })).toBe(false);
    expect(isJitModule(null)).toBe(false);
    expect(CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS).toBe(197);
  });
});
