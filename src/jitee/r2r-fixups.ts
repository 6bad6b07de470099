/**
 * ReadyToRun fixup kinds (READYTORUN_FIXUP_*): the first byte of the
 * signature of an import cell, saying what the runtime must bind the cell to
 * before first use. An EE in r2r mode describes the import cells it hands
 * out with these. Values follow the real format; the ones marked
 * (unverified) are a best recollection.
 */

import type { EnumValue } from './enum-util.js';

export const ReadyToRunFixupKind = {
  READYTORUN_FIXUP_ThisObjDictionaryLookup: 0x07,
  READYTORUN_FIXUP_TypeDictionaryLookup: 0x08,
  READYTORUN_FIXUP_MethodDictionaryLookup: 0x09,

  READYTORUN_FIXUP_TypeHandle: 0x10,
  READYTORUN_FIXUP_MethodHandle: 0x11,
  READYTORUN_FIXUP_FieldHandle: 0x12,

  /** Entry point of a method (the cell of a direct call); the signature names the method. */
  READYTORUN_FIXUP_MethodEntry: 0x13,
  /** MethodEntry with the method given as a MethodDef token. */
  READYTORUN_FIXUP_MethodEntry_DefToken: 0x14,
  /** MethodEntry with the method given as a MemberRef token. */
  READYTORUN_FIXUP_MethodEntry_RefToken: 0x15,

  READYTORUN_FIXUP_VirtualEntry: 0x16,
  READYTORUN_FIXUP_VirtualEntry_DefToken: 0x17,
  READYTORUN_FIXUP_VirtualEntry_RefToken: 0x18,
  READYTORUN_FIXUP_VirtualEntry_Slot: 0x19,

  /** A helper; the signature holds a READYTORUN_HELPER_* id. */
  READYTORUN_FIXUP_Helper: 0x1a,
  /** A string literal's object handle. */
  READYTORUN_FIXUP_StringHandle: 0x1b,

  READYTORUN_FIXUP_NewObject: 0x1c,
  READYTORUN_FIXUP_NewArray: 0x1d,
  READYTORUN_FIXUP_IsInstanceOf: 0x1e,
  READYTORUN_FIXUP_ChkCast: 0x1f,

  /** Address of a static field. */
  READYTORUN_FIXUP_FieldAddress: 0x20,
  /** Run the class constructor. */
  READYTORUN_FIXUP_CctorTrigger: 0x21,

  READYTORUN_FIXUP_StaticBaseNonGC: 0x22,
  READYTORUN_FIXUP_StaticBaseGC: 0x23,
  READYTORUN_FIXUP_ThreadStaticBaseNonGC: 0x24,
  READYTORUN_FIXUP_ThreadStaticBaseGC: 0x25,

  READYTORUN_FIXUP_FieldBaseOffset: 0x26,
  READYTORUN_FIXUP_FieldOffset: 0x27,

  READYTORUN_FIXUP_TypeDictionary: 0x28,
  READYTORUN_FIXUP_MethodDictionary: 0x29,

  READYTORUN_FIXUP_Check_TypeLayout: 0x2a,
  READYTORUN_FIXUP_Check_FieldOffset: 0x2b,

  READYTORUN_FIXUP_DelegateCtor: 0x2c,
  READYTORUN_FIXUP_DeclaringTypeHandle: 0x2d,

  READYTORUN_FIXUP_IndirectPInvokeTarget: 0x2e,
  READYTORUN_FIXUP_PInvokeTarget: 0x2f,

  READYTORUN_FIXUP_Check_InstructionSetSupport: 0x30,
  READYTORUN_FIXUP_Verify_FieldOffset: 0x31, // (unverified)
  READYTORUN_FIXUP_Verify_TypeLayout: 0x32, // (unverified)
  READYTORUN_FIXUP_Check_VirtualFunctionOverride: 0x33, // (unverified)
  READYTORUN_FIXUP_Verify_VirtualFunctionOverride: 0x34, // (unverified)
  READYTORUN_FIXUP_Check_IL_Body: 0x35, // (unverified)
  READYTORUN_FIXUP_Verify_IL_Body: 0x36, // (unverified)

  /** Flag bit: the signature's tokens are in another module (a module index follows). */
  READYTORUN_FIXUP_ModuleOverride: 0x80,
} as const;
export type ReadyToRunFixupKind = EnumValue<typeof ReadyToRunFixupKind>;
