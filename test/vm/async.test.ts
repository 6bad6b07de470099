import { beforeAll, describe, expect, it } from 'vitest';
import {
  ASYNC_CONTEXT_CALLS,
  ASYNC_INFO_BASE_FIELDS,
  ASYNC_INFO_DIFF_FIELDS,
  BASE_HELPER_TABLE,
  type CORINFO_ASYNC_INFO_BASE,
  CorInfoHelpFunc,
  CorInfoInline,
  CorInfoMethodFlags,
  CorInfoType,
  DIFF_HELPER_TABLE,
  EEError,
  InfoAccessType,
  type CORINFO_METHOD_HANDLE,
  helperNumber,
} from '../../src/jitee/index.js';
import type { LiveJitInterface, Runtime } from '../../src/vm/index.js';
import { loadFixtures, methodNamed } from './helpers.js';

let rt: Runtime;
beforeAll(() => {
  rt = loadFixtures();
});

function ji(version: 'base' | 'diff', mode: 'jit' | 'r2r'): LiveJitInterface {
  return rt.createJitInterface({ version, mode, method: methodNamed(rt, 'Fixtures.Async.Shapes', 'OneAwait') });
}

const helper = (name: string) => helperNumber(DIFF_HELPER_TABLE, name)!;

describe('getAsyncInfo', () => {
  it('serves the base layout (11 fields) and the diff layout (5 fields)', () => {
    expect(Object.keys(ji('base', 'jit').getAsyncInfo())).toEqual([...ASYNC_INFO_BASE_FIELDS]);
    expect(Object.keys(ji('diff', 'jit').getAsyncInfo())).toEqual([...ASYNC_INFO_DIFF_FIELDS]);
  });

  it('names the corlib Continuation class, its fields and the AsyncHelpers methods', () => {
    const j = ji('base', 'r2r');
    const info = j.getAsyncInfo() as CORINFO_ASYNC_INFO_BASE;
    expect(j.getClassName(info.continuationClsHnd)).toBe('System.Runtime.CompilerServices.Continuation');
    expect(j.getFieldName(info.continuationNextFldHnd)).toBe('Next');
    expect(j.getFieldName(info.continuationResumeInfoFldHnd)).toBe('ResumeInfo');
    expect(j.getFieldName(info.continuationStateFldHnd)).toBe('State');
    expect(j.getFieldName(info.continuationFlagsFldHnd)).toBe('Flags');
    for (const f of [info.continuationNextFldHnd, info.continuationResumeInfoFldHnd, info.continuationStateFldHnd, info.continuationFlagsFldHnd]) {
      expect(j.getFieldClass(f)).toBe(info.continuationClsHnd);
    }
    expect(j.getFieldOffset(info.continuationNextFldHnd)).toBe(8);
    expect(j.getFieldType(info.continuationStateFldHnd).type).toBe(CorInfoType.CORINFO_TYPE_INT);
    for (const call of ASYNC_CONTEXT_CALLS) {
      const h = info[call.field];
      expect(j.getMethodNameFromMetadata(h)).toEqual({ methodName: call.managedName, className: 'AsyncHelpers', namespaceName: 'System.Runtime.CompilerServices', enclosingClassNames: [] });
    }
    expect(j.getMethodAttribs(info.captureContextsMethHnd) & CorInfoMethodFlags.CORINFO_FLG_FORCEINLINE).not.toBe(0);
    const diff = ji('diff', 'jit').getAsyncInfo();
    for (const k of ASYNC_INFO_DIFF_FIELDS) expect(diff[k]).toBe(info[k]);
  });
});

describe('CORINFO_HELP_ASYNC_* helpers', () => {
  it('exist only in the diff version: base throws EEError NotSupported', () => {
    const base = ji('base', 'jit');
    for (const call of ASYNC_CONTEXT_CALLS) {
      const n = helper(call.helper);
      expect(() => base.getHelperFtn(n as CorInfoHelpFunc)).toThrow(EEError);
      try {
        base.getHelperFtn(n as CorInfoHelpFunc);
      } catch (err) {
        expect((err as EEError).kind).toBe('NotSupported');
        expect((err as EEError).message).toContain(call.helper);
      }
    }
  });

  it('jit mode: the helper address is the AsyncHelpers method entry point, with its handle', () => {
    const diff = ji('diff', 'jit');
    const baseInfo = ji('base', 'jit').getAsyncInfo() as CORINFO_ASYNC_INFO_BASE;
    for (const call of ASYNC_CONTEXT_CALLS) {
      const h = diff.getHelperFtn(helper(call.helper) as CorInfoHelpFunc);
      const method = baseInfo[call.field];
      expect(h.method).toBe(method);
      expect(h.lookup.accessType).toBe(InfoAccessType.IAT_VALUE);
      expect(h.lookup).toEqual(diff.getFunctionEntryPoint(method, 0));
    }
  });

  it('r2r mode: a Helper import cell, distinct from the method MethodEntry cell', () => {
    const diff = ji('diff', 'r2r');
    const baseInfo = ji('base', 'r2r').getAsyncInfo() as CORINFO_ASYNC_INFO_BASE;
    const r2rIds: number[] = [];
    for (const call of ASYNC_CONTEXT_CALLS) {
      const h = diff.getHelperFtn(helper(call.helper) as CorInfoHelpFunc);
      const entry = diff.getFunctionEntryPoint(baseInfo[call.field], 0);
      expect(h.lookup.accessType).toBe(InfoAccessType.IAT_PVALUE);
      expect(entry.accessType).toBe(InfoAccessType.IAT_PVALUE);
      expect(h.lookup.handle).not.toBe(entry.handle);
      const helperFixup = diff.r2rFixups.find((f) => f.cell === h.lookup.handle)!;
      const entryFixup = diff.r2rFixups.find((f) => f.cell === entry.handle)!;
      expect(helperFixup).toMatchObject({ kindName: 'READYTORUN_FIXUP_Helper', helper: helper(call.helper) });
      expect(entryFixup).toMatchObject({ kindName: 'READYTORUN_FIXUP_MethodEntry_RefToken', method: baseInfo[call.field] });
      r2rIds.push(helperFixup.r2rHelper!);
    }
    expect(r2rIds).toEqual([0x123, 0x124, 0x125, 0x126, 0x127, 0x128]);
    const kinds = diff.dependencies.map((d) => d.kind);
    expect(kinds.filter((k) => k === 'Helper').length).toBe(6);
    expect(kinds.filter((k) => k === 'MethodEntrypoint').length).toBe(6);
  });

  it('r2r mode: a renumbered R2R helper keeps its import cell; only the fixup id changes', () => {
    const alloc = helper('CORINFO_HELP_ALLOC_CONTINUATION') as CorInfoHelpFunc;
    const base = ji('base', 'r2r');
    const diff = ji('diff', 'r2r');
    const inBase = base.getHelperFtn(alloc);
    const inDiff = diff.getHelperFtn(alloc);
    // Same cell, so one recording answers both JITs and the code is the same...
    expect(inDiff.lookup).toEqual(inBase.lookup);
    // ...while the fixup signatures carry each version's id (0x113 before, 0x120 after).
    const baseFixup = base.r2rFixups.find((f) => f.cell === inBase.lookup.handle)!;
    const diffFixup = diff.r2rFixups.find((f) => f.cell === inDiff.lookup.handle)!;
    expect(baseFixup.r2rHelper).toBe(0x113);
    expect(diffFixup.r2rHelper).toBe(0x120);
  });

  it('ALLOC_CONTINUATION* use the version R2R ids and the managed allocators', () => {
    const n = CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION;
    const base = ji('base', 'r2r');
    base.getHelperFtn(n);
    expect(base.r2rFixups[0]).toMatchObject({ r2rHelper: 0x113, target: 'READYTORUN_HELPER_AllocContinuation' });
    const diff = ji('diff', 'r2r');
    diff.getHelperFtn(n);
    expect(diff.r2rFixups[0]!.r2rHelper).toBe(0x120);
    const jit = ji('base', 'jit').getHelperFtn(n);
    expect(rt.names.methodName(rt.methodOf(jit.method as CORINFO_METHOD_HANDLE))).toMatch(/^System.Runtime.CompilerServices.AsyncHelpers:AllocContinuation\(/);
  });

  it('every helper of the served table resolves, to the same address each time', () => {
    for (const [version, table] of [['base', BASE_HELPER_TABLE], ['diff', DIFF_HELPER_TABLE]] as const) {
      for (const mode of ['jit', 'r2r'] as const) {
        const a = ji(version, mode);
        const b = ji(version, mode);
        const seen = new Set<bigint>();
        for (let n = 1; n < table.count; n++) {
          const h = a.getHelperFtn(n as CorInfoHelpFunc);
          expect(h).toEqual(b.getHelperFtn(n as CorInfoHelpFunc));
          seen.add(h.lookup.handle);
        }
        expect(seen.size).toBe(table.count - 1);
      }
    }
  });
});

describe('inlining the async context helpers', () => {
  it('jit mode allows inlining across assemblies; r2r refuses callees outside the version bubble', () => {
    const info = ji('base', 'jit').getAsyncInfo() as CORINFO_ASYNC_INFO_BASE;
    const jit = ji('base', 'jit');
    expect(jit.canInline(jit.method, info.captureContextsMethHnd)).toBe(CorInfoInline.INLINE_PASS);
    const r2r = ji('base', 'r2r');
    expect(r2r.canInline(r2r.method, info.captureContextsMethHnd)).toBe(CorInfoInline.INLINE_FAIL);
    const sameAssembly = rt.methodHandle(methodNamed(rt, 'Fixtures.Async.Leaf', 'Yield'));
    expect(r2r.canInline(r2r.method, sameAssembly)).toBe(CorInfoInline.INLINE_PASS);
  });

  it('records inlining decisions per compile', () => {
    const info = ji('base', 'jit').getAsyncInfo() as CORINFO_ASYNC_INFO_BASE;
    const jit = ji('base', 'jit');
    jit.reportInliningDecision(jit.method, info.captureContextsMethHnd, CorInfoInline.INLINE_PASS, 'small');
    jit.reportInliningDecision(jit.method, info.restoreContextsOnSuspensionMethHnd, CorInfoInline.INLINE_NEVER, 'too big');
    expect(jit.inliningDecisions.map((d) => [d.inlineeName.split('(')[0], d.result, d.reason])).toEqual([
      ['System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts', CorInfoInline.INLINE_PASS, 'small'],
      ['System.Runtime.CompilerServices.AsyncHelpers:RestoreContextsOnSuspension', CorInfoInline.INLINE_NEVER, 'too big'],
    ]);
    expect(jit.canInline(jit.method, info.restoreContextsOnSuspensionMethHnd)).toBe(CorInfoInline.INLINE_NEVER);
    expect(ji('base', 'jit').canInline(jit.method, info.restoreContextsOnSuspensionMethHnd)).toBe(CorInfoInline.INLINE_PASS);
  });
});

describe('runtime-async method shape', () => {
  it('flags async methods and marks their signatures', () => {
    const j = ji('diff', 'jit');
    expect(j.getMethodAttribs(j.method) & CorInfoMethodFlags.CORINFO_FLG_ASYNC).not.toBe(0);
    expect(j.methodInfo()!.args.callConv & 0x100).toBe(0x100);
  });

  it('makes continuation classes with the data layout asked for', () => {
    const j = ji('diff', 'jit');
    const cls = j.getContinuationType(24, [true, false, true]);
    expect(j.getContinuationType(24, [true, false, true])).toBe(cls);
    expect(j.getContinuationType(24, [false, false, true])).not.toBe(cls);
    const { TYPE_GC_NONE: N, TYPE_GC_REF: R } = { TYPE_GC_NONE: 0, TYPE_GC_REF: 1 };
    expect([...j.getClassGClayout(cls).gcPtrs]).toEqual([N, R, N, N, R, N, R]);
    expect(j.getHeapClassSize(cls)).toBe(8 + 32 + 24);
    const stub = j.getAsyncResumptionStub();
    expect(j.getMethodAttribs(stub) & CorInfoMethodFlags.CORINFO_FLG_STATIC).not.toBe(0);
    expect(j.getMethodInfo(stub)).toBeNull();
  });
});
