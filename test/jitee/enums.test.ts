import { describe, expect, it } from 'vitest';
import {
  CORINFO_ACCESS_FLAGS,
  CORINFO_CALL_KIND,
  CORINFO_EH_CLAUSE_FLAGS,
  CORINFO_FIELD_ACCESSOR,
  CORINFO_FIELD_FLAGS,
  CorInfoClassFlags,
  CorInfoMethodFlags,
  CorInfoType,
  CorJitFlag,
  CorJitResult,
  InfoAccessType,
  RelocType,
  combineFlags,
  enumName,
  flagNames,
  formatEnum,
  formatFlags,
  formatJitFlags,
  hasJitFlag,
  jitFlags,
  stripTypeMods,
  CorInfoTypeWithMod,
  withoutJitFlag,
} from '../../src/jitee/index.js';

function distinctValues(e: Record<string, number>): boolean {
  const v = Object.values(e);
  return new Set(v).size === v.length;
}

describe('enums', () => {
  it('CorInfoType follows the real order', () => {
    expect(Object.keys(CorInfoType).map((k) => k.replace('CORINFO_TYPE_', ''))).toEqual([
      'UNDEF', 'VOID', 'BOOL', 'CHAR', 'BYTE', 'UBYTE', 'SHORT', 'USHORT', 'INT', 'UINT', 'LONG', 'ULONG',
      'NATIVEINT', 'NATIVEUINT', 'FLOAT', 'DOUBLE', 'STRING', 'PTR', 'BYREF', 'VALUECLASS', 'CLASS', 'REFANY',
      'VAR', 'COUNT',
    ]);
    Object.values(CorInfoType).forEach((v, i) => expect(v).toBe(i));
  });

  it('have distinct values', () => {
    for (const e of [InfoAccessType, CORINFO_CALL_KIND, CORINFO_FIELD_ACCESSOR, CorJitResult, RelocType, CORINFO_EH_CLAUSE_FLAGS]) {
      expect(distinctValues(e)).toBe(true);
    }
    expect(CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_VTABLE).toBe(4);
    expect(CorJitResult.CORJIT_OK).toBe(0);
  });

  it('flag sets use single, non-overlapping, positive 32-bit bits', () => {
    for (const e of [CorInfoMethodFlags, CorInfoClassFlags, CORINFO_FIELD_FLAGS]) {
      let seen = 0;
      for (const [name, bit] of Object.entries(e)) {
        expect(bit & (bit - 1), name).toBe(0);
        expect(bit > 0 && bit < 0x80000000, name).toBe(true);
        expect(seen & bit, name).toBe(0);
        seen |= bit;
      }
    }
    for (const name of ['CORINFO_FLG_FINAL', 'CORINFO_FLG_ABSTRACT', 'CORINFO_FLG_SHAREDINST'] as const) {
      expect(CorInfoClassFlags[name]).toBe(CorInfoMethodFlags[name]);
    }
    expect(CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ANY).toBe(0);
  });

  it('print names and flag sets', () => {
    expect(enumName(CorInfoType, 8)).toBe('CORINFO_TYPE_INT');
    expect(formatEnum(CorInfoType, 99)).toBe('99');
    const f = combineFlags(CorInfoMethodFlags.CORINFO_FLG_STATIC, CorInfoMethodFlags.CORINFO_FLG_ASYNC, 0x40000000);
    expect(flagNames(CorInfoMethodFlags, f)).toEqual(['CORINFO_FLG_STATIC', 'CORINFO_FLG_ASYNC', '0x40000000']);
    expect(formatFlags(CorInfoMethodFlags, 0)).toBe('0');
  });

  it('strip type modifiers', () => {
    const t = CorInfoType.CORINFO_TYPE_CLASS | CorInfoTypeWithMod.CORINFO_TYPE_MOD_PINNED;
    expect(stripTypeMods(t)).toBe(CorInfoType.CORINFO_TYPE_CLASS);
  });

  it('JIT flags form a bit set', () => {
    const flags = jitFlags(CorJitFlag.CORJIT_FLAG_READYTORUN, CorJitFlag.CORJIT_FLAG_RELOC);
    expect(hasJitFlag(flags, CorJitFlag.CORJIT_FLAG_READYTORUN)).toBe(true);
    expect(hasJitFlag(flags, CorJitFlag.CORJIT_FLAG_TIER0)).toBe(false);
    expect(formatJitFlags(flags)).toBe('CORJIT_FLAG_READYTORUN|CORJIT_FLAG_RELOC');
    expect(withoutJitFlag(flags, CorJitFlag.CORJIT_FLAG_RELOC)).toBe(jitFlags(CorJitFlag.CORJIT_FLAG_READYTORUN));
  });
});
