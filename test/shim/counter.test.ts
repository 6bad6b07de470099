import { describe, expect, it } from 'vitest';
import { CallCounts, CountingJitInterface } from '../../src/shim/index.js';
import { METHOD_INFO } from '../agnostic/samples.js';
import { createFakeEE } from './fake-ee.js';
import { miniJit } from './mini-jit.js';

describe('the counting shim', () => {
  it('counts calls per interface method over many compiles and writes CSV', () => {
    const counts = new CallCounts();
    const jit = miniJit('diff');
    for (let i = 0; i < 3; i++) {
      const live = createFakeEE('diff');
      const counting = new CountingJitInterface(live, counts);
      expect(counting.interfaceVersion).toBe('diff');
      const result = jit.compileMethod(counting, METHOD_INFO, 0, {});
      expect(result.ok).toBe(true);
      // Forwarded untouched.
      expect(live.calls.get('getHelperFtn')).toBe(2);
    }
    expect(counts.calls('getHelperFtn')).toBe(6);
    expect(counts.calls('getFunctionEntryPoint')).toBe(3);
    expect(counts.calls('recordRelocation')).toBe(3);
    expect(counts.calls('getEEInfo')).toBe(0);
    expect(counts.calls('nope')).toBe(0);

    const csv = counts.toCsv();
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('method,calls');
    expect(lines).toContain('getHelperFtn,6');
    expect(lines).toContain('allocMem,3');
    expect(lines).not.toContain('getEEInfo,0');
    expect(counts.toCsv(true)).toContain('getEEInfo,0\n');
    expect(counts.total).toBe(lines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[1]), 0));

    const more = new CallCounts();
    more.add(counts);
    more.add(counts);
    expect(more.calls('getHelperFtn')).toBe(12);
  });
});
