/**
 * Bit sets of the JIT-EE interface: method and class attributes (the real
 * interface shares one CorInfoFlag space between them; here they are two
 * objects over that space), field flags, access flags and getCallInfo flags.
 *
 * Bit values follow the real interface as far as known; the whole table is
 * (unverified) and only its internal consistency is relied on: method bits do
 * not overlap each other, class bits do not overlap each other, and the bits
 * both share (FINAL, ABSTRACT, SHAREDINST) have the same value in both.
 * Bit 31 is left unused so every flag word stays a positive 32-bit number.
 */

/** Method attributes (getMethodAttribs, CORINFO_CALL_INFO.methodFlags). */
export const CorInfoMethodFlags = {
  CORINFO_FLG_PROTECTED: 0x00000004,
  CORINFO_FLG_STATIC: 0x00000008,
  /** The method cannot be overridden (sealed or final virtual). */
  CORINFO_FLG_FINAL: 0x00000010,
  CORINFO_FLG_SYNCHRONIZED: 0x00000020,
  CORINFO_FLG_VIRTUAL: 0x00000040,
  CORINFO_FLG_NATIVE: 0x00000100,
  /** A method of a type the JIT treats specially (e.g. Vector<T>). */
  CORINFO_FLG_INTRINSIC_TYPE: 0x00000200,
  CORINFO_FLG_ABSTRACT: 0x00000400,
  CORINFO_FLG_EnC: 0x00000800,
  /** A runtime-async method (MethodImpl 0x2000); value chosen here (unverified). */
  CORINFO_FLG_ASYNC: 0x00001000,
  /** MethodImplOptions.AggressiveInlining. */
  CORINFO_FLG_FORCEINLINE: 0x00010000,
  /** Shared generic code: needs an instantiation argument or `this` for its context. */
  CORINFO_FLG_SHAREDINST: 0x00020000,
  CORINFO_FLG_DELEGATE_INVOKE: 0x00040000,
  CORINFO_FLG_PINVOKE: 0x00080000,
  /** The method has no GC safe points the JIT must keep. */
  CORINFO_FLG_NOGCCHECK: 0x00200000,
  /** The JIT may expand this method itself (isIntrinsic). */
  CORINFO_FLG_INTRINSIC: 0x00400000,
  CORINFO_FLG_CONSTRUCTOR: 0x00800000,
  /** MethodImplOptions.AggressiveOptimization. */
  CORINFO_FLG_AGGRESSIVE_OPT: 0x01000000,
  CORINFO_FLG_NOSECURITYWRAP: 0x04000000,
  /** MethodImplOptions.NoInlining, or the EE forbids inlining this method. */
  CORINFO_FLG_DONT_INLINE: 0x10000000,
  /** Methods that call this one must not be inlined either (e.g. stack-walking methods). */
  CORINFO_FLG_DONT_INLINE_CALLER: 0x20000000,
} as const;

/** Class attributes (getClassAttribs, CORINFO_CALL_INFO.classFlags). */
export const CorInfoClassFlags = {
  /** Sealed class. */
  CORINFO_FLG_FINAL: 0x00000010,
  CORINFO_FLG_ABSTRACT: 0x00000400,
  CORINFO_FLG_VALUECLASS: 0x00010000,
  /** Canonical form of a shared generic instantiation. */
  CORINFO_FLG_SHAREDINST: 0x00020000,
  /** The object size is not fixed by the type (strings, arrays). */
  CORINFO_FLG_VAROBJSIZE: 0x00040000,
  CORINFO_FLG_ARRAY: 0x00080000,
  CORINFO_FLG_OVERLAPPING_FIELDS: 0x00100000,
  CORINFO_FLG_INTERFACE: 0x00200000,
  /** Field layout may change outside the version bubble (ReadyToRun): do not dig into fields. */
  CORINFO_FLG_DONT_DIG_FIELDS: 0x00400000,
  CORINFO_FLG_CUSTOMLAYOUT: 0x00800000,
  CORINFO_FLG_CONTAINS_GC_PTR: 0x01000000,
  CORINFO_FLG_DELEGATE: 0x02000000,
  CORINFO_FLG_INDEXABLE_FIELDS: 0x04000000,
  CORINFO_FLG_BYREF_LIKE: 0x08000000,
  /** The class constructor may run at any time before the first static field access. */
  CORINFO_FLG_BEFOREFIELDINIT: 0x20000000,
  /** The handle names a generic type variable, not a real type. */
  CORINFO_FLG_GENERIC_TYPE_VARIABLE: 0x40000000,
} as const;

/** Field flags (CORINFO_FIELD_INFO.fieldFlags). */
export const CORINFO_FIELD_FLAGS = {
  CORINFO_FLG_FIELD_STATIC: 0x00000001,
  /** An RVA static (data in the image). */
  CORINFO_FLG_FIELD_UNMANAGED: 0x00000002,
  /** initonly. */
  CORINFO_FLG_FIELD_FINAL: 0x00000004,
  /** A value-type static stored as a boxed object in the GC heap. */
  CORINFO_FLG_FIELD_STATIC_IN_HEAP: 0x00000008,
  /** initClass must be called before the access. */
  CORINFO_FLG_FIELD_INITCLASS: 0x00000020,
  CORINFO_FLG_FIELD_PROTECTED: 0x00000040,
} as const;

/** What the JIT intends to do with a member (getFieldInfo, getFunctionEntryPoint). */
export const CORINFO_ACCESS_FLAGS = {
  CORINFO_ACCESS_ANY: 0x0000,
  /** The access is through `this`. */
  CORINFO_ACCESS_THIS: 0x0001,
  CORINFO_ACCESS_PREFER_SLOT_OVER_TEMPORARY_ENTRYPOINT: 0x0002,
  CORINFO_ACCESS_NONNULL: 0x0004,
  CORINFO_ACCESS_LDFTN: 0x0010,
  CORINFO_ACCESS_GET: 0x0100,
  CORINFO_ACCESS_SET: 0x0200,
  CORINFO_ACCESS_ADDRESS: 0x0400,
  CORINFO_ACCESS_INIT_ARRAY: 0x0800,
  CORINFO_ACCESS_INLINECHECK: 0x4000,
} as const;
export type CORINFO_ACCESS_FLAGS = number;

/** Flags of getCallInfo (values unverified). */
export const CORINFO_CALLINFO_FLAGS = {
  CORINFO_CALLINFO_NONE: 0x0000,
  /** The JIT can pass a generic instantiation argument. */
  CORINFO_CALLINFO_ALLOWINSTPARAM: 0x0001,
  /** The IL instruction is callvirt. */
  CORINFO_CALLINFO_CALLVIRT: 0x0002,
  /** The IL instruction is ldftn or ldvirtftn. */
  CORINFO_CALLINFO_LDFTN: 0x0020,
  CORINFO_CALLINFO_DISALLOW_STUB: 0x0080,
} as const;
export type CORINFO_CALLINFO_FLAGS = number;

/** What the JIT tells setMethodAttribs. */
export const CorInfoMethodRuntimeFlags = {
  CORINFO_FLG_BAD_INLINEE: 0x00000001,
  CORINFO_FLG_SWITCHED_TO_MIN_OPT: 0x00000002,
  CORINFO_FLG_SWITCHED_TO_OPTIMIZED: 0x00000004,
} as const;
export type CorInfoMethodRuntimeFlags = number;
