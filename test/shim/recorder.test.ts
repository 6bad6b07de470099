import { describe, expect, it } from 'vitest';
import { isRecordedError, recordedEntry } from '../../src/agnostic/index.js';
import { CorInfoHelpFunc, EEError, isEEError } from '../../src/jitee/index.js';
import { MethodContext, MethodContextConflictError } from '../../src/mc/method-context.js';
import { RecordingJitInterface, recordCompile } from '../../src/shim/index.js';
import { C1, M1, METHOD_INFO } from '../agnostic/samples.js';
import { BAD_TOKEN, createFakeEE } from './fake-ee.js';
import { miniJit } from './mini-jit.js';

const request = { methodInfo: METHOD_INFO, flags: 0, mode: 'jit' as const };

describe('the recorder', () => {
  it('forwards every call to the live EE exactly once and records the queries', () => {
    const live = createFakeEE('base');
    const { context, result } = recordCompile({ ...request, live, jit: miniJit('base') });
    expect(result.ok).toBe(true);
    expect(live.calls.get('getHelperFtn')).toBe(1);
    expect(live.calls.get('getFunctionEntryPoint')).toBe(2);
    expect(live.calls.get('allocMem')).toBe(1);
    expect(live.calls.get('recordRelocation')).toBe(1);
    expect(live.calls.get('setEHcount')).toBe(1);
    expect(live.collector.reported.relocations).toHaveLength(1);

    const recorded = Object.fromEntries(context.callStats().map((s) => [s.method, s.records]));
    expect(recorded).toEqual({
      getMethodAttribs: 1,
      getMethodSig: 1,
      getMethodClass: 1,
      getMethodNameFromMetadata: 1,
      reportInliningDecision: 1,
      getClassSize: 1,
      resolveToken: 1,
      getCallInfo: 1,
      getArgType: 1,
      getFunctionEntryPoint: 2,
      getHelperFtn: 1,
      getAsyncInfo: 1,
      allocMem: 1,
    });
    // Reports are not recorded as calls; the result is.
    expect(recorded['recordRelocation']).toBeUndefined();
    expect(context.result('base')).toBe(result);
    expect(context.root?.interfaceVersions).toEqual(['base']);
    expect(context.root?.methodName).toBe('Ns.Ü.Inner:Run"Async"');
  });

  it('hands the JIT the recorded form of an answer, not the live object', () => {
    const live = createFakeEE('base', {
      getMethodNameFromMetadata: () => ({
        methodName: 'M',
        className: 'C',
        namespaceName: 'N',
        enclosingClassNames: [],
        extra: 'not part of the interface',
      }),
      getClassGClayout: () => ({ gcPtrs: Buffer.from([1, 0]), numGCPtrs: 1 }),
    });
    const recorder = new RecordingJitInterface(live);
    expect(recorder.getMethodNameFromMetadata(M1)).toEqual({ methodName: 'M', className: 'C', namespaceName: 'N', enclosingClassNames: [] });
    expect('extra' in recorder.getMethodNameFromMetadata(M1)).toBe(false);
    const layout = recorder.getClassGClayout(C1);
    expect(Object.getPrototypeOf(layout.gcPtrs)).toBe(Uint8Array.prototype);
    // The async info is served in the live EE's layout, built from the record.
    expect(Object.keys(new RecordingJitInterface(createFakeEE('diff')).getAsyncInfo())).toHaveLength(5);
  });

  it('records an EEError and rethrows it', () => {
    const live = createFakeEE('base');
    const { context, result } = recordCompile({ ...request, live, jit: miniJit('base'), jitOptions: { token: String(BAD_TOKEN) } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.eeError?.kind).toBe('BadToken');
    const [[, answer]] = context.records(recordedEntry('resolveToken'));
    expect(answer).toEqual({ error: { kind: 'BadToken', message: 'token 0xa0000ff does not resolve' } });
    expect(isRecordedError(answer!)).toBe(true);

    const recorder = new RecordingJitInterface(createFakeEE('base'));
    let thrown: unknown;
    try {
      recorder.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS);
    } catch (err) {
      thrown = err;
    }
    expect(isEEError(thrown)).toBe(true);
    expect((thrown as EEError).kind).toBe('NotSupported');
    expect(recorder.context.lookup(recordedEntry('getHelperFtn'), '197')).toEqual({ error: (thrown as EEError).toData() });
  });

  it('fails, naming the call, when the live EE answers with the wrong shape', () => {
    const recorder = new RecordingJitInterface(createFakeEE('base', { getMethodClass: () => 12 }));
    expect(() => recorder.getMethodClass(M1)).toThrow('getMethodClass(0x0000030000000120) answer: expected class handle, got 12');
  });

  it('fails when the live EE answers one question two ways (replay could not reproduce that)', () => {
    let n = 0;
    const recorder = new RecordingJitInterface(createFakeEE('base', { getClassSize: () => ++n }));
    expect(recorder.getClassSize(C1)).toBe(1);
    expect(() => recorder.getClassSize(C1)).toThrow(MethodContextConflictError);
    expect(() => recorder.getClassSize(C1)).toThrow('conflicting records for getClassSize(0x0000020000000040): 1 vs 3');
  });

  it('records a second JIT into the same context, merging getAsyncInfo', () => {
    const context = new MethodContext();
    recordCompile({ ...request, live: createFakeEE('base'), jit: miniJit('base'), context });
    recordCompile({ ...request, live: createFakeEE('diff'), jit: miniJit('diff'), context });
    expect(context.root?.interfaceVersions).toEqual(['base', 'diff']);
    expect([...context.results.keys()]).toEqual(['base', 'diff']);
    const helperKeys = context.records(recordedEntry('getHelperFtn')).map(([k]) => k);
    expect(helperKeys).toEqual([String(CorInfoHelpFunc.CORINFO_HELP_THROW), '197']);
    const [[, asyncInfo]] = context.records(recordedEntry('getAsyncInfo'));
    expect((asyncInfo as unknown[]).every((field) => field !== null)).toBe(true);
  });

  it('refuses a JIT of another interface version than the EE serves', () => {
    expect(() => recordCompile({ ...request, live: createFakeEE('base'), jit: miniJit('diff') })).toThrow(/needs interface version diff/);
  });
});
