/**
 * Enumerations of the JIT-EE interface (the non-flag ones; bit sets are in
 * flags.ts, helpers in helpers.ts). Each is a const object NAME → number plus
 * a type of the same name for its values. Names and numbers follow the real
 * interface; numbers marked (unverified) are a sensible choice where the exact
 * value could not be confirmed.
 */

import type { EnumValue } from './enum-util.js';

/** The primitive kind of a type as the JIT sees it. */
export const CorInfoType = {
  CORINFO_TYPE_UNDEF: 0,
  CORINFO_TYPE_VOID: 1,
  CORINFO_TYPE_BOOL: 2,
  CORINFO_TYPE_CHAR: 3,
  CORINFO_TYPE_BYTE: 4,
  CORINFO_TYPE_UBYTE: 5,
  CORINFO_TYPE_SHORT: 6,
  CORINFO_TYPE_USHORT: 7,
  CORINFO_TYPE_INT: 8,
  CORINFO_TYPE_UINT: 9,
  CORINFO_TYPE_LONG: 10,
  CORINFO_TYPE_ULONG: 11,
  CORINFO_TYPE_NATIVEINT: 12,
  CORINFO_TYPE_NATIVEUINT: 13,
  CORINFO_TYPE_FLOAT: 14,
  CORINFO_TYPE_DOUBLE: 15,
  CORINFO_TYPE_STRING: 16,
  CORINFO_TYPE_PTR: 17,
  CORINFO_TYPE_BYREF: 18,
  CORINFO_TYPE_VALUECLASS: 19,
  CORINFO_TYPE_CLASS: 20,
  CORINFO_TYPE_REFANY: 21,
  /** A generic type variable (only in shared generic code signatures). */
  CORINFO_TYPE_VAR: 22,
  CORINFO_TYPE_COUNT: 23,
} as const;
export type CorInfoType = EnumValue<typeof CorInfoType>;

/**
 * A CorInfoType in the low 6 bits plus modifier bits (getArgType returns
 * this). Use `stripTypeMods` to get the CorInfoType.
 */
export const CorInfoTypeWithMod = {
  CORINFO_TYPE_MASK: 0x3f,
  CORINFO_TYPE_MOD_PINNED: 0x40,
  CORINFO_TYPE_MOD_COPY_WITH_HELPER: 0x80,
} as const;
export type CorInfoTypeWithMod = number;

export function stripTypeMods(t: CorInfoTypeWithMod): CorInfoType {
  return (t & CorInfoTypeWithMod.CORINFO_TYPE_MASK) as CorInfoType;
}

export function isTypePinned(t: CorInfoTypeWithMod): boolean {
  return (t & CorInfoTypeWithMod.CORINFO_TYPE_MOD_PINNED) !== 0;
}

/** How a CORINFO_CONST_LOOKUP's handle is reached. */
export const InfoAccessType = {
  /** The handle is the value itself (a direct call target, a class handle). */
  IAT_VALUE: 0,
  /** The handle is the address of a cell holding the value (one indirection). */
  IAT_PVALUE: 1,
  /** The handle is the address of a cell holding the address of the value. */
  IAT_PPVALUE: 2,
  /** The handle is the address of a cell holding a value relative to the cell. */
  IAT_RELPVALUE: 3,
} as const;
export type InfoAccessType = EnumValue<typeof InfoAccessType>;

/** What kind of member a token names and why the JIT is resolving it. */
export const CorInfoTokenKind = {
  CORINFO_TOKENKIND_Class: 0x01,
  CORINFO_TOKENKIND_Method: 0x02,
  CORINFO_TOKENKIND_Field: 0x04,
  CORINFO_TOKENKIND_Mask: 0x07,
  /** ldtoken: any of class, method, field. */
  CORINFO_TOKENKIND_Ldtoken: 0x10 | 0x01 | 0x02 | 0x04,
  CORINFO_TOKENKIND_Casting: 0x20 | 0x01,
  CORINFO_TOKENKIND_Newarr: 0x40 | 0x01,
  CORINFO_TOKENKIND_Box: 0x80 | 0x01,
  CORINFO_TOKENKIND_Constrained: 0x100 | 0x01,
  CORINFO_TOKENKIND_NewObj: 0x200 | 0x02,
  CORINFO_TOKENKIND_Ldvirtftn: 0x400 | 0x02,
  /** A call awaited by a runtime-async method (unverified value). */
  CORINFO_TOKENKIND_Await: 0x800 | 0x02,
} as const;
export type CorInfoTokenKind = EnumValue<typeof CorInfoTokenKind>;

/** How getCallInfo tells the JIT to make a call. */
export const CORINFO_CALL_KIND = {
  /** Direct call; the target comes from getFunctionEntryPoint. */
  CORINFO_CALL: 0,
  /** Call through a code pointer obtained by codePointerOrStubLookup. */
  CORINFO_CALL_CODE_POINTER: 1,
  /** Interface dispatch through a stub; the cell comes from codePointerOrStubLookup. */
  CORINFO_VIRTUALCALL_STUB: 2,
  /** Virtual call through a function pointer looked up at run time (ldvirtftn). */
  CORINFO_VIRTUALCALL_LDVIRTFTN: 3,
  /** Virtual call through the method table's vtable (getMethodVTableOffset). */
  CORINFO_VIRTUALCALL_VTABLE: 4,
} as const;
export type CORINFO_CALL_KIND = EnumValue<typeof CORINFO_CALL_KIND>;

/** What to do to `this` before a constrained call. */
export const CORINFO_THIS_TRANSFORM = {
  CORINFO_NO_THIS_TRANSFORM: 0,
  CORINFO_BOX_THIS: 1,
  CORINFO_DEREF_THIS: 2,
} as const;
export type CORINFO_THIS_TRANSFORM = EnumValue<typeof CORINFO_THIS_TRANSFORM>;

/** How a field is accessed (CORINFO_FIELD_INFO.fieldAccessor). */
export const CORINFO_FIELD_ACCESSOR = {
  /** Instance field at `offset` from the object. */
  CORINFO_FIELD_INSTANCE: 0,
  /** Instance field at a base offset known only at run time (ReadyToRun). */
  CORINFO_FIELD_INSTANCE_WITH_BASE: 1,
  CORINFO_FIELD_INSTANCE_HELPER: 2,
  CORINFO_FIELD_INSTANCE_ADDR_HELPER: 3,
  /** Static field at the address in fieldLookup. */
  CORINFO_FIELD_STATIC_ADDRESS: 4,
  CORINFO_FIELD_STATIC_RVA_ADDRESS: 5,
  /** Static base from `helper` (argument: the class), field at `offset` from it. */
  CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER: 6,
  /** Static base of a generic instantiation from `helper`, field at `offset`. */
  CORINFO_FIELD_STATIC_GENERICS_STATIC_HELPER: 7,
  CORINFO_FIELD_STATIC_ADDR_HELPER: 8,
  CORINFO_FIELD_STATIC_TLS: 9,
  CORINFO_FIELD_STATIC_TLS_MANAGED: 10,
  CORINFO_FIELD_STATIC_READYTORUN_HELPER: 11,
  CORINFO_FIELD_STATIC_RELOCATABLE: 12,
  /** IntPtr.Zero / UIntPtr.Zero: the JIT uses the constant 0. */
  CORINFO_FIELD_INTRINSIC_ZERO: 13,
  /** String.Empty. */
  CORINFO_FIELD_INTRINSIC_EMPTY_STRING: 14,
  /** BitConverter.IsLittleEndian. */
  CORINFO_FIELD_INTRINSIC_ISLITTLEENDIAN: 15,
} as const;
export type CORINFO_FIELD_ACCESSOR = EnumValue<typeof CORINFO_FIELD_ACCESSOR>;

/** canInline's answer; failures are negative. */
export const CorInfoInline = {
  INLINE_PASS: 0,
  INLINE_PREJIT_SUCCESS: 1,
  INLINE_CHECK_CAN_INLINE_SUCCESS: 2,
  INLINE_CHECK_CAN_INLINE_VMFAIL: 3,
  /** Not for this call site. */
  INLINE_FAIL: -1,
  /** Never inline this callee. */
  INLINE_NEVER: -2,
} as const;
export type CorInfoInline = EnumValue<typeof CorInfoInline>;

/** initClass's answer (bits). */
export const CorInfoInitClassResult = {
  CORINFO_INITCLASS_NOT_REQUIRED: 0x00,
  CORINFO_INITCLASS_INITIALIZED: 0x01,
  CORINFO_INITCLASS_USE_HELPER: 0x02,
  CORINFO_INITCLASS_DONT_INLINE: 0x04,
} as const;
export type CorInfoInitClassResult = number;

export const CorInfoIsAccessAllowedResult = {
  CORINFO_ACCESS_ALLOWED: 0,
  CORINFO_ACCESS_ILLEGAL: 1,
  CORINFO_ACCESS_RUNTIME_CHECK: 2,
} as const;
export type CorInfoIsAccessAllowedResult = EnumValue<typeof CorInfoIsAccessAllowedResult>;

/** Kind of an exception-handling clause (CORINFO_EH_CLAUSE.flags). */
export const CORINFO_EH_CLAUSE_FLAGS = {
  /** A typed catch; classTokenOrFilterOffset is the class token. */
  CORINFO_EH_CLAUSE_NONE: 0,
  /** A filter; classTokenOrFilterOffset is the filter's offset. */
  CORINFO_EH_CLAUSE_FILTER: 0x0001,
  CORINFO_EH_CLAUSE_FINALLY: 0x0002,
  CORINFO_EH_CLAUSE_FAULT: 0x0004,
  CORINFO_EH_CLAUSE_DUPLICATE: 0x0008,
  /** Native clause protects the same try as the previous one. */
  CORINFO_EH_CLAUSE_SAMETRY: 0x0010,
} as const;
export type CORINFO_EH_CLAUSE_FLAGS = number;

/** A JIT's overall result. Values are the real HRESULT-style codes. */
export const CorJitResult = {
  CORJIT_OK: 0,
  CORJIT_BADCODE: 0x80000001,
  CORJIT_OUTOFMEM: 0x80000002,
  CORJIT_INTERNALERROR: 0x80000003,
  CORJIT_SKIPPED: 0x80000004,
  CORJIT_RECOVERABLEERROR: 0x80000005,
  CORJIT_IMPLLIMITATION: 0x80000006,
} as const;
export type CorJitResult = EnumValue<typeof CorJitResult>;

/**
 * Relocation kinds passed to recordRelocation. The IMAGE_REL_BASED_* values
 * are the PE base-relocation types the interface uses (REL32 and RELPTR32 are
 * runtime-specific extensions; RELPTR32's value is unverified);
 * IMAGE_REL_AMD64_REL32 is the COFF x64 relocation, listed for dumps of
 * object-file style results.
 */
export const RelocType = {
  IMAGE_REL_BASED_ABSOLUTE: 0,
  IMAGE_REL_BASED_HIGHLOW: 3,
  /** 64-bit absolute address. */
  IMAGE_REL_BASED_DIR64: 10,
  /** 32-bit displacement relative to the end of the 4-byte field (rip-relative). */
  IMAGE_REL_BASED_REL32: 0x10,
  IMAGE_REL_BASED_RELPTR32: 0x12,
  IMAGE_REL_AMD64_REL32: 0x0004,
} as const;
export type RelocType = EnumValue<typeof RelocType>;

/** Calling convention byte of a signature (CORINFO_SIG_INFO.callConv). */
export const CorInfoCallConv = {
  CORINFO_CALLCONV_DEFAULT: 0x0,
  CORINFO_CALLCONV_C: 0x1,
  CORINFO_CALLCONV_STDCALL: 0x2,
  CORINFO_CALLCONV_THISCALL: 0x3,
  CORINFO_CALLCONV_FASTCALL: 0x4,
  CORINFO_CALLCONV_VARARG: 0x5,
  CORINFO_CALLCONV_FIELD: 0x6,
  CORINFO_CALLCONV_LOCAL_SIG: 0x7,
  CORINFO_CALLCONV_PROPERTY: 0x8,
  CORINFO_CALLCONV_UNMANAGED: 0x9,
  CORINFO_CALLCONV_NATIVEVARARG: 0xb,
  CORINFO_CALLCONV_MASK: 0x0f,
  CORINFO_CALLCONV_GENERIC: 0x10,
  CORINFO_CALLCONV_HASTHIS: 0x20,
  CORINFO_CALLCONV_EXPLICITTHIS: 0x40,
  /** A hidden generic-context argument is passed (after the IL arguments). */
  CORINFO_CALLCONV_PARAMTYPE: 0x80,
  /** The call is to a runtime-async method: a continuation argument is passed (unverified value). */
  CORINFO_CALLCONV_ASYNCCALL: 0x100,
} as const;
export type CorInfoCallConv = number;

/** Bits of CORINFO_METHOD_INFO.options. */
export const CorInfoOptions = {
  CORINFO_OPT_INIT_LOCALS: 0x00000010,
  CORINFO_GENERICS_CTXT_FROM_THIS: 0x00000020,
  CORINFO_GENERICS_CTXT_FROM_METHODDESC: 0x00000040,
  CORINFO_GENERICS_CTXT_FROM_METHODTABLE: 0x00000080,
  CORINFO_GENERICS_CTXT_MASK: 0x000000e0,
  CORINFO_GENERICS_CTXT_KEEP_ALIVE: 0x00000100,
} as const;
export type CorInfoOptions = number;

export const CorInfoRegionKind = {
  CORINFO_REGION_NONE: 0,
  CORINFO_REGION_HOT: 1,
  CORINFO_REGION_COLD: 2,
  CORINFO_REGION_JIT: 3,
} as const;
export type CorInfoRegionKind = EnumValue<typeof CorInfoRegionKind>;

/** One entry per pointer-sized slot of getClassGClayout. */
export const CorInfoGCType = {
  TYPE_GC_NONE: 0,
  TYPE_GC_REF: 1,
  TYPE_GC_BYREF: 2,
  TYPE_GC_OTHER: 3,
} as const;
export type CorInfoGCType = EnumValue<typeof CorInfoGCType>;

/** Well-known classes for getBuiltinClass. */
export const CorInfoClassId = {
  CLASSID_SYSTEM_OBJECT: 0,
  CLASSID_TYPED_BYREF: 1,
  CLASSID_TYPE_HANDLE: 2,
  CLASSID_FIELD_HANDLE: 3,
  CLASSID_METHOD_HANDLE: 4,
  CLASSID_STRING: 5,
  CLASSID_ARGUMENT_HANDLE: 6,
  CLASSID_RUNTIME_TYPE: 7,
} as const;
export type CorInfoClassId = EnumValue<typeof CorInfoClassId>;

/** Where a runtime lookup finds its generic dictionary. */
export const CORINFO_RUNTIME_LOOKUP_KIND = {
  CORINFO_LOOKUP_THISOBJ: 0,
  CORINFO_LOOKUP_CLASSPARAM: 1,
  CORINFO_LOOKUP_METHODPARAM: 2,
  CORINFO_LOOKUP_NOT_SUPPORTED: 3,
} as const;
export type CORINFO_RUNTIME_LOOKUP_KIND = EnumValue<typeof CORINFO_RUNTIME_LOOKUP_KIND>;

export const CORINFO_RUNTIME_ABI = {
  CORINFO_CORECLR_ABI: 0x200,
  CORINFO_NATIVEAOT_ABI: 0x300,
} as const;
export type CORINFO_RUNTIME_ABI = EnumValue<typeof CORINFO_RUNTIME_ABI>;

export const CORINFO_OS = {
  CORINFO_WINNT: 0,
  CORINFO_UNIX: 1,
  CORINFO_APPLE: 2,
} as const;
export type CORINFO_OS = EnumValue<typeof CORINFO_OS>;

/** Which function of a method a piece of unwind info belongs to. */
export const CorJitFuncKind = {
  CORJIT_FUNC_ROOT: 0,
  CORJIT_FUNC_HANDLER: 1,
  CORJIT_FUNC_FILTER: 2,
} as const;
export type CorJitFuncKind = EnumValue<typeof CorJitFuncKind>;

/** Alignment requests for allocMem (bits). */
export const CorJitAllocMemFlag = {
  CORJIT_ALLOCMEM_DEFAULT_CODE_ALIGN: 0x00000000,
  CORJIT_ALLOCMEM_FLG_16BYTE_ALIGN: 0x00000001,
  CORJIT_ALLOCMEM_FLG_RODATA_16BYTE_ALIGN: 0x00000002,
  CORJIT_ALLOCMEM_FLG_32BYTE_ALIGN: 0x00000004,
  CORJIT_ALLOCMEM_FLG_RODATA_32BYTE_ALIGN: 0x00000008,
  CORJIT_ALLOCMEM_FLG_RODATA_64BYTE_ALIGN: 0x00000010,
} as const;
export type CorJitAllocMemFlag = number;
