import { describe, expect, it } from 'vitest';
import {
  ASYNC_CONTEXT_CALLS,
  ASYNC_HELPER_NAMES,
  ASYNC_INFO_BASE_FIELDS,
  ASYNC_INFO_DIFF_FIELDS,
  type CORINFO_ASYNC_INFO_FULL,
  INTERFACE_VERSIONS,
  asyncInfoForVersion,
  asyncInfoHasMethodHandles,
  classHandle,
  fieldHandle,
  methodHandle,
  toAsyncInfoBase,
  toAsyncInfoDiff,
} from '../../src/jitee/index.js';

const full: CORINFO_ASYNC_INFO_FULL = {
  continuationClsHnd: classHandle(0x1000),
  continuationNextFldHnd: fieldHandle(0x2000),
  continuationResumeInfoFldHnd: fieldHandle(0x2010),
  continuationStateFldHnd: fieldHandle(0x2020),
  continuationFlagsFldHnd: fieldHandle(0x2030),
  captureExecutionContextMethHnd: methodHandle(0x3000),
  restoreExecutionContextMethHnd: methodHandle(0x3010),
  captureContinuationContextMethHnd: methodHandle(0x3020),
  captureContextsMethHnd: methodHandle(0x3030),
  restoreContextsMethHnd: methodHandle(0x3040),
  restoreContextsOnSuspensionMethHnd: methodHandle(0x3050),
};

describe('CORINFO_ASYNC_INFO layouts', () => {
  it('lists the base fields in struct order', () => {
    expect(ASYNC_INFO_BASE_FIELDS).toEqual([
      'continuationClsHnd',
      'continuationNextFldHnd',
      'continuationResumeInfoFldHnd',
      'continuationStateFldHnd',
      'continuationFlagsFldHnd',
      'captureExecutionContextMethHnd',
      'restoreExecutionContextMethHnd',
      'captureContinuationContextMethHnd',
      'captureContextsMethHnd',
      'restoreContextsMethHnd',
      'restoreContextsOnSuspensionMethHnd',
    ]);
    expect(ASYNC_INFO_DIFF_FIELDS).toEqual(ASYNC_INFO_BASE_FIELDS.slice(0, 5));
  });

  it('derives the base layout: all 11 fields, in order', () => {
    const base = toAsyncInfoBase(full);
    expect(Object.keys(base)).toEqual([...ASYNC_INFO_BASE_FIELDS]);
    for (const f of ASYNC_INFO_BASE_FIELDS) expect(base[f]).toBe(full[f]);
    expect(asyncInfoHasMethodHandles(base)).toBe(true);
  });

  it('derives the diff layout: only fields 1-5, in order', () => {
    const diff = toAsyncInfoDiff(full);
    expect(Object.keys(diff)).toEqual([...ASYNC_INFO_DIFF_FIELDS]);
    for (const f of ASYNC_INFO_DIFF_FIELDS) expect(diff[f]).toBe(full[f]);
    expect(asyncInfoHasMethodHandles(diff)).toBe(false);
    expect('captureContextsMethHnd' in diff).toBe(false);
  });

  it('picks the layout by version, agreeing with the version registry', () => {
    for (const version of ['base', 'diff'] as const) {
      const info = asyncInfoForVersion(full, version);
      expect(asyncInfoHasMethodHandles(info)).toBe(INTERFACE_VERSIONS[version].asyncInfoHasMethodHandles);
    }
  });

  it('pairs each method-handle field with exactly one async helper', () => {
    expect(ASYNC_CONTEXT_CALLS.map((c) => c.helper)).toEqual([...ASYNC_HELPER_NAMES]);
    expect(new Set(ASYNC_CONTEXT_CALLS.map((c) => c.field))).toEqual(new Set(ASYNC_INFO_BASE_FIELDS.slice(5)));
    for (const c of ASYNC_CONTEXT_CALLS) expect(c.field.toLowerCase()).toBe(`${c.managedName}MethHnd`.toLowerCase());
  });
});
