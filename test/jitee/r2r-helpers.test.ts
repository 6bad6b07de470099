import { describe, expect, it } from 'vitest';
import {
  ALL_HELPER_NAMES,
  BASE_R2R_HELPER_TABLE,
  CorInfoHelpFunc,
  DIFF_R2R_HELPER_TABLE,
  HELPER_TO_R2R,
  ReadyToRunFixupKind,
  checkTable,
  compareR2RHelperTables,
  formatR2RHelper,
  formatTableComparison,
  r2rHelperFor,
  r2rHelperForHelpFunc,
  r2rHelperId,
  r2rHelperName,
} from '../../src/jitee/index.js';

describe('ReadyToRun helper tables', () => {
  it('have unique names and ids', () => {
    expect(() => checkTable(BASE_R2R_HELPER_TABLE)).not.toThrow();
    expect(() => checkTable(DIFF_R2R_HELPER_TABLE)).not.toThrow();
  });

  it('match R2R format 18.5 in base', () => {
    const expected: [string, number][] = [
      ['EndCatch', 0x110],
      ['StackProbe', 0x111],
      ['GetCurrentManagedThreadId', 0x112],
      ['AllocContinuation', 0x113],
      ['AllocContinuationClass', 0x114],
      ['AllocContinuationMethod', 0x115],
      ['InitClass', 0x116],
      ['InitInstClass', 0x117],
      ['Invalid', 0x00],
      ['DelayLoad_MethodCall', 0x08],
      ['DelayLoad_Helper', 0x10],
      ['Throw', 0x20],
      ['WriteBarrier', 0x30],
      ['Stelem_Ref', 0x38],
      ['MemSet', 0x40],
      ['NewObject', 0x60],
      ['NewArray', 0x61],
      ['CheckCastAny', 0x62],
      ['GenericGcStaticBase', 0x64],
    ];
    for (const [name, id] of expected) expect(r2rHelperId(BASE_R2R_HELPER_TABLE, `READYTORUN_HELPER_${name}`)).toBe(id);
    expect(BASE_R2R_HELPER_TABLE.format).toEqual({ major: 18, minor: 5 });
    expect(r2rHelperName(BASE_R2R_HELPER_TABLE, 0x123)).toBeUndefined();
  });

  it('moves AllocContinuation* and adds the async helpers in diff', () => {
    expect(r2rHelperId(DIFF_R2R_HELPER_TABLE, 'READYTORUN_HELPER_AllocContinuation')).toBe(0x120);
    expect(r2rHelperId(DIFF_R2R_HELPER_TABLE, 'READYTORUN_HELPER_AllocContinuationClass')).toBe(0x121);
    expect(r2rHelperId(DIFF_R2R_HELPER_TABLE, 'READYTORUN_HELPER_AllocContinuationMethod')).toBe(0x122);
    const asyncIds = DIFF_R2R_HELPER_TABLE.entries.filter((e) => e.name.startsWith('READYTORUN_HELPER_Async'));
    expect(asyncIds.map((e) => e.id)).toEqual([0x123, 0x124, 0x125, 0x126, 0x127, 0x128]);
    expect(r2rHelperName(DIFF_R2R_HELPER_TABLE, 0x113)).toBeUndefined();
    expect(r2rHelperId(DIFF_R2R_HELPER_TABLE, 'READYTORUN_HELPER_InitClass')).toBe(0x116);
    expect(formatR2RHelper(DIFF_R2R_HELPER_TABLE, 0x113)).toBe('READYTORUN_HELPER_<0x113>');
  });
});

describe('compareR2RHelperTables', () => {
  const cmp = compareR2RHelperTables(BASE_R2R_HELPER_TABLE, DIFF_R2R_HELPER_TABLE);

  it('flags the renumbering of AllocContinuation* as a format break', () => {
    expect(cmp.compatible).toBe(false);
    expect(cmp.breaks).toEqual([
      { kind: 'renumbered', name: 'READYTORUN_HELPER_AllocContinuation', oldId: 0x113, newId: 0x120 },
      { kind: 'renumbered', name: 'READYTORUN_HELPER_AllocContinuationClass', oldId: 0x114, newId: 0x121 },
      { kind: 'renumbered', name: 'READYTORUN_HELPER_AllocContinuationMethod', oldId: 0x115, newId: 0x122 },
    ]);
  });

  it('sees the six async ids as appended', () => {
    expect(cmp.appended).toEqual([
      { kind: 'appended', name: 'READYTORUN_HELPER_AsyncCaptureContexts', id: 0x123 },
      { kind: 'appended', name: 'READYTORUN_HELPER_AsyncRestoreContexts', id: 0x124 },
      { kind: 'appended', name: 'READYTORUN_HELPER_AsyncCaptureExecutionContext', id: 0x125 },
      { kind: 'appended', name: 'READYTORUN_HELPER_AsyncRestoreExecutionContext', id: 0x126 },
      { kind: 'appended', name: 'READYTORUN_HELPER_AsyncRestoreContextsOnSuspension', id: 0x127 },
      { kind: 'appended', name: 'READYTORUN_HELPER_AsyncCaptureContinuationContext', id: 0x128 },
    ]);
  });

  it('accepts an append-only variant of the change', () => {
    const appendOnly = {
      ...DIFF_R2R_HELPER_TABLE,
      title: 'append-only',
      entries: [
        ...BASE_R2R_HELPER_TABLE.entries,
        ...DIFF_R2R_HELPER_TABLE.entries.filter((e) => e.name.startsWith('READYTORUN_HELPER_Async')),
      ],
    };
    const ok = compareR2RHelperTables(BASE_R2R_HELPER_TABLE, appendOnly);
    expect(ok.compatible).toBe(true);
    expect(ok.appended).toHaveLength(6);
  });

  it('reports a reused id as reassigned', () => {
    const reused = {
      ...BASE_R2R_HELPER_TABLE,
      title: 'reused',
      entries: BASE_R2R_HELPER_TABLE.entries.map((e) =>
        e.id === 0x113 ? { name: 'READYTORUN_HELPER_AsyncCaptureContexts' as const, id: 0x113 } : e,
      ),
    };
    const bad = compareR2RHelperTables(BASE_R2R_HELPER_TABLE, reused);
    expect(bad.breaks).toEqual([
      {
        kind: 'reassigned',
        id: 0x113,
        oldName: 'READYTORUN_HELPER_AllocContinuation',
        newName: 'READYTORUN_HELPER_AsyncCaptureContexts',
      },
    ]);
  });

  it('prints one line per change', () => {
    const lines = formatTableComparison(cmp);
    expect(lines[0]).toMatch(/FORMAT BREAK/);
    expect(lines).toContain('  break: READYTORUN_HELPER_AllocContinuation moved 0x113 -> 0x120');
    expect(lines).toContain('  appended: READYTORUN_HELPER_AsyncCaptureContexts = 0x123');
  });
});

describe('CorInfoHelpFunc -> ReadyToRun helper', () => {
  it('maps only real helper names to R2R helpers that exist in some version', () => {
    for (const [helper, r2r] of Object.entries(HELPER_TO_R2R)) {
      expect(ALL_HELPER_NAMES as readonly string[]).toContain(helper);
      const inBase = r2rHelperId(BASE_R2R_HELPER_TABLE, r2r!);
      const inDiff = r2rHelperId(DIFF_R2R_HELPER_TABLE, r2r!);
      expect(inBase !== undefined || inDiff !== undefined, r2r).toBe(true);
      if (!helper.startsWith('CORINFO_HELP_ASYNC_')) expect(inBase, r2r).toBeDefined();
    }
  });

  it('follows each version', () => {
    expect(r2rHelperFor('base', CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION)).toBe(0x113);
    expect(r2rHelperFor('diff', CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION)).toBe(0x120);
    expect(r2rHelperFor('base', CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION_METHOD)).toBe(0x115);
    expect(r2rHelperFor('base', CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS)).toBeUndefined();
    expect(r2rHelperFor('diff', CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS)).toBe(0x123);
    expect(r2rHelperFor('diff', CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT)).toBe(0x128);
    expect(r2rHelperForHelpFunc(BASE_R2R_HELPER_TABLE, CorInfoHelpFunc.CORINFO_HELP_THROW)).toBe(0x20);
    expect(r2rHelperFor('base', CorInfoHelpFunc.CORINFO_HELP_UNDEF)).toBeUndefined();
    expect(r2rHelperFor('base', 9999)).toBeUndefined();
  });
});

describe('ReadyToRun fixup kinds', () => {
  it('have the import-cell kinds with distinct values', () => {
    const values = Object.values(ReadyToRunFixupKind);
    expect(new Set(values).size).toBe(values.length);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_Helper).toBe(0x1a);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_MethodEntry).toBe(0x13);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_MethodEntry_DefToken).toBe(0x14);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_MethodEntry_RefToken).toBe(0x15);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_TypeHandle).toBe(0x10);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_StringHandle).toBe(0x1b);
    expect(ReadyToRunFixupKind.READYTORUN_FIXUP_FieldAddress).toBe(0x20);
  });
});
