/**
 * Value types of the IR: what a variable's frame slot holds and what an IL
 * evaluation-stack entry is.
 *
 * Stack kinds follow ECMA-335 III.1.1 (int32, int64, native int, F, O, &,
 * value types) with F split by precision: a float32 stays a float32 on the
 * stack until an operation mixes it with a float64. Storage kinds add the
 * small integer types locals, fields and array elements can have; loading one
 * widens it to i4 (sign- or zero-extended), storing truncates.
 */

import type { CORINFO_CLASS_HANDLE } from '../../jitee/index.js';

export type StackKind = 'i4' | 'i8' | 'i' | 'f4' | 'f8' | 'ref' | 'byref' | 'struct';

export type StorageKind = 'i1' | 'u1' | 'i2' | 'u2' | 'i4' | 'u4' | 'i8' | 'i' | 'f4' | 'f8' | 'ref' | 'byref' | 'struct';

/** The layout of a value type, as the EE describes it. */
export interface StructLayout {
  readonly cls: CORINFO_CLASS_HANDLE;
  /** Bytes of instance data (getClassSize). */
  readonly size: number;
  /** One CorInfoGCType per pointer-sized slot (getClassGClayout). */
  readonly gcPtrs: Uint8Array;
  /** Any slot holds a reference or a byref. */
  readonly hasGcPointers: boolean;
}

/** A storage type: primitive kinds are shared singletons, struct types carry their layout. */
export interface IrType {
  readonly kind: StorageKind;
  /** Set for 'struct'. */
  readonly layout: StructLayout | undefined;
}

function prim(kind: StorageKind): IrType {
  return Object.freeze({ kind, layout: undefined });
}

export const T = {
  i1: prim('i1'),
  u1: prim('u1'),
  i2: prim('i2'),
  u2: prim('u2'),
  i4: prim('i4'),
  u4: prim('u4'),
  i8: prim('i8'),
  i: prim('i'),
  f4: prim('f4'),
  f8: prim('f8'),
  ref: prim('ref'),
  byref: prim('byref'),
} as const;

export function structType(layout: StructLayout): IrType {
  return { kind: 'struct', layout };
}

/** The stack kind a value of storage kind `kind` has once loaded. */
export function stackKindOf(kind: StorageKind): StackKind {
  switch (kind) {
    case 'i1': case 'u1': case 'i2': case 'u2': case 'i4': case 'u4': return 'i4';
    default: return kind;
  }
}

/** The stack type of a storage type (small integers widen to i4). */
export function stackTypeOf(type: IrType): IrType {
  switch (type.kind) {
    case 'i1': case 'u1': case 'i2': case 'u2': case 'u4': return T.i4;
    default: return type;
  }
}

/** Bytes a value of this type occupies in memory. */
export function sizeOfType(type: IrType): number {
  switch (type.kind) {
    case 'i1': case 'u1': return 1;
    case 'i2': case 'u2': return 2;
    case 'i4': case 'u4': case 'f4': return 4;
    case 'i8': case 'i': case 'f8': case 'ref': case 'byref': return 8;
    case 'struct': return type.layout!.size;
  }
}

export function isFloatKind(kind: StorageKind | StackKind): boolean {
  return kind === 'f4' || kind === 'f8';
}

export function isGcKind(kind: StorageKind | StackKind): boolean {
  return kind === 'ref' || kind === 'byref';
}

/** True when two types describe the same storage (structs by class handle). */
export function sameType(a: IrType, b: IrType): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'struct' || a.layout!.cls === b.layout!.cls;
}

export function typeName(type: IrType): string {
  return type.kind === 'struct' ? `struct<${type.layout!.size}>` : type.kind;
}
