import { describe, expect, it } from 'vitest';
import { baseJit, diffJit } from '../../../src/jit/index.js';
import type { JitModule } from '../../../src/jitee/index.js';
import { compileAll, fixtures, type Mode } from '../vm-helpers.js';

/**
 * The change being verified, as the inliner sees it: base calls
 * AsyncHelpers.CaptureContexts through its method handle and marks the call
 * an inline candidate; diff calls a helper, which is never inlined. In r2r
 * mode the corlib helper is outside a program's version bubble.
 */
const CAPTURE_CONTEXTS = 'System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts';

function programMethodsInliningCaptureContexts(jit: JitModule, mode: Mode): { compiled: number; inlining: number } {
  const results = compileAll(fixtures(), mode, 'Fixtures.Async.*', jit).filter((r) => r.module === 'AsyncSamples');
  const inlining = results.filter((r) => r.result.ok && (r.result.inlinees ?? []).some((i) => i.name?.startsWith(CAPTURE_CONTEXTS)));
  return { compiled: results.filter((r) => r.result.ok).length, inlining: inlining.length };
}

describe('AsyncHelpers.CaptureContexts in the async samples', () => {
  it('is inlined by base in jit mode', () => {
    const { compiled, inlining } = programMethodsInliningCaptureContexts(baseJit, 'jit');
    expect(compiled).toBeGreaterThan(0);
    expect(inlining).toBeGreaterThan(0);
  });

  it('is never inlined by diff (a helper call)', () => {
    expect(programMethodsInliningCaptureContexts(diffJit, 'jit').inlining).toBe(0);
  });

  it('is not inlined across the version bubble in r2r mode, by either build', () => {
    expect(programMethodsInliningCaptureContexts(baseJit, 'r2r').inlining).toBe(0);
    expect(programMethodsInliningCaptureContexts(diffJit, 'r2r').inlining).toBe(0);
  });
});
