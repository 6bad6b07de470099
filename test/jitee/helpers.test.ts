import { describe, expect, it } from 'vitest';
import {
  ALL_HELPER_NAMES,
  ASYNC_HELPER_NAMES,
  BASE_HELPER_TABLE,
  COMMON_HELPER_NAMES,
  CORINFO_HELP_COUNT_BASE,
  CORINFO_HELP_COUNT_DIFF,
  CorInfoHelpFunc,
  DIFF_HELPER_TABLE,
  type CorInfoHelpName,
  type HelperTable,
  asHelpFunc,
  checkTable,
  compareHelperTables,
  formatHelper,
  formatTableComparison,
  helperName,
  helperNumber,
  isValidHelper,
} from '../../src/jitee/index.js';

describe('CorInfoHelpFunc', () => {
  it('has no duplicate names or numbers in either version', () => {
    expect(new Set(ALL_HELPER_NAMES).size).toBe(ALL_HELPER_NAMES.length);
    expect(() => checkTable(BASE_HELPER_TABLE)).not.toThrow();
    expect(() => checkTable(DIFF_HELPER_TABLE)).not.toThrow();
    const values = Object.values(CorInfoHelpFunc);
    expect(new Set(values).size).toBe(values.length);
  });

  it('numbers every name by its position in the one list', () => {
    ALL_HELPER_NAMES.forEach((name, i) => {
      expect(CorInfoHelpFunc[name]).toBe(i);
    });
    expect(CorInfoHelpFunc.CORINFO_HELP_UNDEF).toBe(0);
  });

  it('puts the continuation allocators at 194-196 in both versions', () => {
    for (const table of [BASE_HELPER_TABLE, DIFF_HELPER_TABLE]) {
      expect(helperNumber(table, 'CORINFO_HELP_ALLOC_CONTINUATION')).toBe(194);
      expect(helperNumber(table, 'CORINFO_HELP_ALLOC_CONTINUATION_METHOD')).toBe(195);
      expect(helperNumber(table, 'CORINFO_HELP_ALLOC_CONTINUATION_CLASS')).toBe(196);
    }
    const n194: 194 = CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION;
    expect(n194).toBe(194);
  });

  it('has COUNT 197 in base and 203 in diff', () => {
    expect(CORINFO_HELP_COUNT_BASE).toBe(197);
    expect(CORINFO_HELP_COUNT_DIFF).toBe(203);
    expect(BASE_HELPER_TABLE.count).toBe(COMMON_HELPER_NAMES.length);
    expect(DIFF_HELPER_TABLE.count).toBe(COMMON_HELPER_NAMES.length + 6);
  });

  it('has the six async helpers only in diff, right after ALLOC_CONTINUATION_CLASS', () => {
    expect(ASYNC_HELPER_NAMES).toEqual([
      'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS',
      'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS',
      'CORINFO_HELP_ASYNC_CAPTURE_EXECUTION_CONTEXT',
      'CORINFO_HELP_ASYNC_RESTORE_EXECUTION_CONTEXT',
      'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION',
      'CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT',
    ]);
    ASYNC_HELPER_NAMES.forEach((name, i) => {
      expect(helperNumber(DIFF_HELPER_TABLE, name)).toBe(197 + i);
      expect(helperNumber(BASE_HELPER_TABLE, name)).toBeUndefined();
      expect(isValidHelper(BASE_HELPER_TABLE, 197 + i)).toBe(false);
      expect(isValidHelper(DIFF_HELPER_TABLE, 197 + i)).toBe(true);
    });
    expect(BASE_HELPER_TABLE.names.some((n) => n.startsWith('CORINFO_HELP_ASYNC_'))).toBe(false);
  });

  it('gives common helpers the same number in both versions', () => {
    for (const name of COMMON_HELPER_NAMES) {
      expect(helperNumber(DIFF_HELPER_TABLE, name)).toBe(helperNumber(BASE_HELPER_TABLE, name));
    }
  });

  it('contains the helpers the model relies on', () => {
    for (const name of [
      'CORINFO_HELP_NEWFAST',
      'CORINFO_HELP_NEWSFAST',
      'CORINFO_HELP_NEWARR_1_VC',
      'CORINFO_HELP_THROW',
      'CORINFO_HELP_RETHROW',
      'CORINFO_HELP_THROWEXACT',
      'CORINFO_HELP_RNGCHKFAIL',
      'CORINFO_HELP_OVERFLOW',
      'CORINFO_HELP_THROWDIVZERO',
      'CORINFO_HELP_THROWNULLREF',
      'CORINFO_HELP_CHKCASTANY',
      'CORINFO_HELP_CHKCASTCLASS',
      'CORINFO_HELP_ISINSTANCEOFCLASS',
      'CORINFO_HELP_BOX',
      'CORINFO_HELP_UNBOX',
      'CORINFO_HELP_GET_GCSTATIC_BASE',
      'CORINFO_HELP_ASSIGN_REF',
      'CORINFO_HELP_CHECKED_ASSIGN_REF',
      'CORINFO_HELP_MEMSET',
      'CORINFO_HELP_MEMCPY',
      'CORINFO_HELP_STACK_PROBE',
    ]) {
      expect(helperNumber(BASE_HELPER_TABLE, name), name).toBeDefined();
    }
  });

  it('looks names and numbers up per version', () => {
    expect(helperName(BASE_HELPER_TABLE, 196)).toBe('CORINFO_HELP_ALLOC_CONTINUATION_CLASS');
    expect(helperName(BASE_HELPER_TABLE, 197)).toBeUndefined();
    expect(helperName(DIFF_HELPER_TABLE, 202)).toBe('CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT');
    expect(helperName(DIFF_HELPER_TABLE, 203)).toBeUndefined();
    expect(helperName(DIFF_HELPER_TABLE, -1)).toBeUndefined();
    expect(helperNumber(DIFF_HELPER_TABLE, 'CORINFO_HELP_NOPE')).toBeUndefined();
    expect(isValidHelper(BASE_HELPER_TABLE, 0)).toBe(false);
    expect(asHelpFunc(202)).toBe(202);
    expect(() => asHelpFunc(203)).toThrow(RangeError);
    expect(formatHelper(5)).toBe(ALL_HELPER_NAMES[5]);
    expect(formatHelper(999)).toBe('CORINFO_HELP_<999>');
  });
});

describe('compareHelperTables', () => {
  it('sees base -> diff as compatible with six appended helpers', () => {
    const cmp = compareHelperTables(BASE_HELPER_TABLE, DIFF_HELPER_TABLE);
    expect(cmp.compatible).toBe(true);
    expect(cmp.breaks).toEqual([]);
    expect(cmp.appended.map((c) => c.kind === 'appended' && c.id)).toEqual([197, 198, 199, 200, 201, 202]);
  });

  it('sees diff -> base as removing the six async helpers', () => {
    const cmp = compareHelperTables(DIFF_HELPER_TABLE, BASE_HELPER_TABLE);
    expect(cmp.compatible).toBe(false);
    expect(cmp.breaks).toHaveLength(6);
    expect(cmp.breaks.every((c) => c.kind === 'removed')).toBe(true);
  });

  it('flags a helper inserted in the middle as renumbering everything after it', () => {
    const names: CorInfoHelpName[] = [...COMMON_HELPER_NAMES];
    names.splice(10, 0, 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS');
    const inserted: HelperTable = {
      title: 'inserted',
      version: 'diff',
      names,
      count: names.length,
      entries: names.map((name, id) => ({ name, id })),
    };
    const cmp = compareHelperTables(BASE_HELPER_TABLE, inserted);
    expect(cmp.compatible).toBe(false);
    expect(cmp.breaks).toContainEqual({
      kind: 'renumbered',
      name: 'CORINFO_HELP_ALLOC_CONTINUATION',
      oldId: 194,
      newId: 195,
    });
    expect(cmp.breaks).toContainEqual({
      kind: 'reassigned',
      id: 10,
      oldName: COMMON_HELPER_NAMES[10],
      newName: 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS',
    });
    expect(formatTableComparison(cmp, 10)[0]).toContain('FORMAT BREAK');
  });
});
