import { describe, expect, it } from 'vitest';
import { asyncMethodHandles } from '../../src/diff/async-operations.js';
import { explain } from '../../src/diff/explain.js';
import { nearDiffPlaced } from '../../src/diff/near-differ.js';
import { placeBoth } from '../../src/diff/placement.js';
import type { CollectionMode } from '../../src/mc/mch-format.js';
import { fieldHandle, methodHandle, classHandle, type CompileSuccess, type CORINFO_ASYNC_INFO_BASE } from '../../src/jitee/index.js';
import { call, directCall, makeResult, TARGETS } from './make-result.js';

const captureInlinee = { method: methodHandle(TARGETS.captureMethod.target.handle), name: TARGETS.captureMethod.target.name, ilOffset: -1 };

function explained(base: CompileSuccess, diff: CompileSuccess, mode?: CollectionMode, asyncMethods?: ReturnType<typeof asyncMethodHandles>) {
  const placed = placeBoth(base, diff);
  const near = nearDiffPlaced(placed, { mode });
  return { near, explanations: explain({ placed, nearDiff: near, mode, asyncMethods }) };
}

describe('explain', () => {
  it('explains an inlined context operation that became a helper call, with its bytes', () => {
    const base = makeResult({ steps: [{ op: 'inline-capture' }, call('consoleWrite')], inlinees: [captureInlinee] });
    const diff = makeResult({ steps: [{ op: 'context-args' }, directCall('captureHelper'), call('consoleWrite')], inlinees: [] });
    const { near, explanations } = explained(base, diff, 'jit');
    const e = explanations.find((x) => x.kind === 'async context operation')!;
    expect(e.operation).toBe('CaptureContexts');
    expect(e.byteDelta).toBe(near.deltaBytes);
    expect(e.text).toBe(
      `context operation CaptureContexts (method start) inlined in base, called as helper CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS in diff: ${near.deltaBytes > 0 ? '+' : ''}${near.deltaBytes} bytes`,
    );
    expect(explanations.map((x) => x.kind)).not.toContain('other code');
    // The helper call is a new safe point and call site: GC and debug info really differ; unwind only moved.
    expect(near.differences.find((d) => d.class === 'gc info')!.summary).toBe('GC info differs: code size, safe points');
    expect(explanations.find((x) => x.kind === 'moved with the code')!.text).toBe('unwind: only native offsets moved with the code');
  });

  it('says when the JIT did not report its inlinees', () => {
    const base = makeResult({ steps: [{ op: 'inline-capture' }] });
    const diff = makeResult({ steps: [{ op: 'context-args' }, call('captureHelper')] });
    const text = explained(base, diff, 'jit').explanations[0]!.text;
    expect(text).toMatch(/^context operation CaptureContexts \(method start\) not called \(inlined or not needed\) in base, called as helper CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS through a helper indirection cell in diff: /);
  });

  it('explains a ReadyToRun binding change: MethodEntry cell in base, Helper cell in diff, same size', () => {
    const base = makeResult({ steps: [call('captureMethod'), call('consoleWrite'), call('restoreMethod'), call('restoreMethod')] });
    const diff = makeResult({ steps: [call('captureHelper'), call('consoleWrite'), call('restoreHelper'), call('restoreHelper')] });
    const { near, explanations } = explained(base, diff, 'r2r');
    expect(near.classes).toEqual(['relocation target only']);
    expect(explanations.map((x) => x.text)).toEqual([
      'context operation CaptureContexts (method start) called as System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts(byref,byref) through a MethodEntry import cell in base, '
        + 'called as helper CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS through a Helper import cell in diff: same size',
      'context operation RestoreContexts (before normal returns and in the fault handler) called as System.Runtime.CompilerServices.AsyncHelpers:RestoreContexts(bool,System.Threading.ExecutionContext,System.Threading.SynchronizationContext) through a MethodEntry import cell (2 calls) in base, '
        + 'called as helper CORINFO_HELP_ASYNC_RESTORE_CONTEXTS through a Helper import cell (2 calls) in diff: same size',
    ]);
  });

  it('recognises the AsyncHelpers methods by the handles getAsyncInfo recorded, whatever their names', () => {
    const renamed = { ...TARGETS.captureMethod, target: { ...TARGETS.captureMethod.target, name: 'method#5001' } };
    const base = makeResult({ steps: [{ op: 'call', ...renamed }] });
    const diff = makeResult({ steps: [call('captureHelper')] });
    const info: CORINFO_ASYNC_INFO_BASE = {
      continuationClsHnd: classHandle(1n),
      continuationNextFldHnd: fieldHandle(2n),
      continuationResumeInfoFldHnd: fieldHandle(3n),
      continuationStateFldHnd: fieldHandle(4n),
      continuationFlagsFldHnd: fieldHandle(5n),
      captureExecutionContextMethHnd: methodHandle(0x5003n),
      restoreExecutionContextMethHnd: methodHandle(0x5004n),
      captureContinuationContextMethHnd: methodHandle(0x5005n),
      captureContextsMethHnd: methodHandle(0x5001n),
      restoreContextsMethHnd: methodHandle(0x5002n),
      restoreContextsOnSuspensionMethHnd: methodHandle(0x5006n),
    };
    const withHandles = explained(base, diff, 'r2r', asyncMethodHandles(info)).explanations;
    expect(withHandles[0]!.operation).toBe('CaptureContexts');
    expect(withHandles[0]!.text).toContain('called as method#5001 through a MethodEntry import cell in base');
    const byName = explained(base, diff, 'r2r').explanations;
    expect(byName[0]!.text).toContain('not called (inlined or not needed) in base');
  });

  it('explains relocation changes that are not async context operations', () => {
    const base = makeResult({ steps: [call('consoleWrite')] });
    const other = { ...TARGETS.consoleWrite, address: TARGETS.consoleWrite.address + 0x40n, target: { ...TARGETS.consoleWrite.target, name: 'System.Console:WriteLine(long)' } };
    const diff = makeResult({ steps: [{ op: 'call', ...other }] });
    const { explanations } = explained(base, diff, 'jit');
    expect(explanations).toHaveLength(1);
    expect(explanations[0]!.text).toMatch(/^relocation at 0x[0-9A-F]+: System\.Console:WriteLine\(int\) \(method entry\) → System\.Console:WriteLine\(long\) \(method entry\)$/);
  });

  it('puts a byte count on code changes it cannot attribute', () => {
    const base = makeResult({ steps: [call('consoleWrite')] });
    const diff = makeResult({ steps: [{ op: 'filler', value: 1 }, call('consoleWrite'), { op: 'filler', value: 2 }] });
    const texts = explained(base, diff).explanations.map((x) => x.text);
    expect(texts[0]).toBe('code differs in 2 places: +10 bytes');
  });

  it('reports inlining differences from the inlining reports', () => {
    const inlinee = { method: methodHandle(0x7001n), name: 'Program:Helper():int', ilOffset: 3 };
    const base = makeResult({ steps: [call('consoleWrite')], inlinees: [inlinee] });
    const diff = makeResult({ steps: [call('consoleWrite'), { op: 'filler', value: 1 }], inlinees: [] });
    const texts = explained(base, diff).explanations.map((x) => x.text);
    expect(texts).toContain('Program:Helper():int inlined at 1 site in base, 0 in diff');
  });

  it('has nothing to explain for identical results', () => {
    const r = makeResult({ steps: [call('consoleWrite')] });
    expect(explained(r, r).explanations).toEqual([]);
  });
});
