/**
 * Handles of the JIT-EE interface.
 *
 * Every handle is an opaque 64-bit value chosen by the execution engine (EE).
 * Handles are branded bigints so a method handle cannot be passed where a
 * class handle is expected; at run time they are plain bigints, so they
 * serialise as 64-bit integers. The null handle of every kind is 0n.
 */

/** A 64-bit value tagged with the kind of thing it names (the tag exists only for the type checker). */
export type Handle<Kind extends string> = bigint & { readonly __brand: Kind };

export type CORINFO_METHOD_HANDLE = Handle<'method'>;
export type CORINFO_CLASS_HANDLE = Handle<'class'>;
export type CORINFO_FIELD_HANDLE = Handle<'field'>;
export type CORINFO_MODULE_HANDLE = Handle<'module'>;
/** A method or class handle with the low bit telling which (see CORINFO_CONTEXTFLAGS). */
export type CORINFO_CONTEXT_HANDLE = Handle<'context'>;
/** A position in a signature's argument list; only the EE that made it can interpret it. */
export type CORINFO_ARG_LIST_HANDLE = Handle<'argList'>;
/** An address in the target process: code, an indirection cell, static data. */
export type CodeAddress = Handle<'address'>;

/** A metadata token (table in the high byte, row id below). */
export type mdToken = number;

const U64_MAX = (1n << 64n) - 1n;

function toU64(value: bigint | number, what: string): bigint {
  const v = typeof value === 'number' ? BigInt(value) : value;
  if (v < 0n || v > U64_MAX) throw new RangeError(`${what} out of 64-bit range: ${v}`);
  return v;
}

export function methodHandle(value: bigint | number): CORINFO_METHOD_HANDLE {
  return toU64(value, 'method handle') as CORINFO_METHOD_HANDLE;
}
export function classHandle(value: bigint | number): CORINFO_CLASS_HANDLE {
  return toU64(value, 'class handle') as CORINFO_CLASS_HANDLE;
}
export function fieldHandle(value: bigint | number): CORINFO_FIELD_HANDLE {
  return toU64(value, 'field handle') as CORINFO_FIELD_HANDLE;
}
export function moduleHandle(value: bigint | number): CORINFO_MODULE_HANDLE {
  return toU64(value, 'module handle') as CORINFO_MODULE_HANDLE;
}
export function contextHandle(value: bigint | number): CORINFO_CONTEXT_HANDLE {
  return toU64(value, 'context handle') as CORINFO_CONTEXT_HANDLE;
}
export function argListHandle(value: bigint | number): CORINFO_ARG_LIST_HANDLE {
  return toU64(value, 'arg list handle') as CORINFO_ARG_LIST_HANDLE;
}
export function codeAddress(value: bigint | number): CodeAddress {
  return toU64(value, 'address') as CodeAddress;
}

export const NULL_METHOD_HANDLE = 0n as CORINFO_METHOD_HANDLE;
export const NULL_CLASS_HANDLE = 0n as CORINFO_CLASS_HANDLE;
export const NULL_FIELD_HANDLE = 0n as CORINFO_FIELD_HANDLE;
export const NULL_MODULE_HANDLE = 0n as CORINFO_MODULE_HANDLE;
export const NULL_CONTEXT_HANDLE = 0n as CORINFO_CONTEXT_HANDLE;
export const NULL_ARG_LIST_HANDLE = 0n as CORINFO_ARG_LIST_HANDLE;
export const NULL_ADDRESS = 0n as CodeAddress;

export function isNullHandle(h: bigint): boolean {
  return h === 0n;
}

/** `0x` followed by 16 hex digits, the way handles are printed in dumps. */
export function formatHandle(h: bigint): string {
  return '0x' + h.toString(16).padStart(16, '0');
}

/**
 * The low bit of a CORINFO_CONTEXT_HANDLE says whether it wraps a method or a
 * class handle. EEs therefore hand out method and class handles with the low
 * bit clear (even values).
 */
export const CORINFO_CONTEXTFLAGS = {
  CORINFO_CONTEXTFLAGS_METHOD: 0,
  CORINFO_CONTEXTFLAGS_CLASS: 1,
  CORINFO_CONTEXTFLAGS_MASK: 1,
} as const;

function requireEven(h: bigint, what: string): void {
  if ((h & 1n) !== 0n) throw new RangeError(`${what} ${formatHandle(h)} has its low bit set; it cannot form a context`);
}

export function methodContext(method: CORINFO_METHOD_HANDLE): CORINFO_CONTEXT_HANDLE {
  requireEven(method, 'method handle');
  return method as bigint as CORINFO_CONTEXT_HANDLE;
}

export function classContext(cls: CORINFO_CLASS_HANDLE): CORINFO_CONTEXT_HANDLE {
  requireEven(cls, 'class handle');
  return (cls | 1n) as CORINFO_CONTEXT_HANDLE;
}

export function contextIsClass(ctx: CORINFO_CONTEXT_HANDLE): boolean {
  return (ctx & 1n) === 1n;
}

/** The method a method context wraps, or the null handle for a class context. */
export function contextMethod(ctx: CORINFO_CONTEXT_HANDLE): CORINFO_METHOD_HANDLE {
  return contextIsClass(ctx) ? NULL_METHOD_HANDLE : (ctx as bigint as CORINFO_METHOD_HANDLE);
}

/** The class a class context wraps, or the null handle for a method context. */
export function contextClass(ctx: CORINFO_CONTEXT_HANDLE): CORINFO_CLASS_HANDLE {
  return contextIsClass(ctx) ? ((ctx & ~1n) as CORINFO_CLASS_HANDLE) : NULL_CLASS_HANDLE;
}
