/**
 * Types as the live EE loads them. Every TypeDesc is interned by its key
 * (TypeSystem.intern), so two descs are the same type exactly when they are
 * the same object. Keys are canonical identity strings built from module
 * names and metadata tokens (never paths), which is what makes handles
 * deterministic.
 *
 * Key grammar:
 *   def       Module!02000005            (non-generic TypeDef)
 *   inst      Module!02000005<k1,k2>     (generic instantiation)
 *   array     k[]  (SZ)  |  k[,]  (rank 2) | k[*] (rank 1, not SZ)
 *   pointer   k*     byref  k&
 *   canon     __Canon
 *   param     !0@Module!02000005  (type parameter of a definition)
 *             !!0@Module!06000012 (method parameter), !!0 (positional, in
 *             signatures compared for overriding)
 *   fnptr     fnptr
 *   continuation  Continuation#<size>:<hex bitmap of GC slots>
 */

import type { CORINFO_CLASS_HANDLE } from '../jitee/index.js';
import type { TypeDefinition } from './definitions.js';
import type { InstanceLayout } from './field-layout.js';
import type { StaticLayout } from './static-layout.js';

abstract class TypeDescBase {
  handle: CORINFO_CLASS_HANDLE | undefined;
  /** Caches filled by the type system. */
  _canonical: TypeDesc | undefined;
  _layout: InstanceLayout | undefined;
  _containsCanon: boolean | undefined;
  /** CorInfoClassFlags without the mode-dependent bits (see classAttribs). */
  _classAttribs: number | undefined;

  constructor(readonly key: string) {}
}

/** A TypeDef, instantiated when generic (primitives, enums, structs, classes, interfaces). */
export class DefType extends TypeDescBase {
  readonly kind = 'def';
  _base: DefType | null | undefined;
  _interfaces: readonly DefType[] | undefined;
  _statics: StaticLayout | undefined;

  constructor(
    key: string,
    readonly def: TypeDefinition,
    readonly instantiation: readonly TypeDesc[],
  ) {
    super(key);
  }
}

/** System.__Canon: stands for any reference type in shared generic code. */
export class CanonType extends TypeDescBase {
  readonly kind = 'canon';
  constructor() {
    super('__Canon');
  }
}

export class ArrayType extends TypeDescBase {
  readonly kind = 'array';
  constructor(
    key: string,
    readonly element: TypeDesc,
    readonly rank: number,
    readonly isSzArray: boolean,
  ) {
    super(key);
  }
}

export class PointerType extends TypeDescBase {
  readonly kind = 'ptr';
  constructor(
    key: string,
    readonly element: TypeDesc,
  ) {
    super(key);
  }
}

export class ByRefType extends TypeDescBase {
  readonly kind = 'byref';
  constructor(
    key: string,
    readonly element: TypeDesc,
  ) {
    super(key);
  }
}

/** A generic parameter of a definition (typical instantiations) or a positional method parameter. */
export class GenericParamType extends TypeDescBase {
  readonly kind = 'genericParam';
  constructor(
    key: string,
    readonly ownerKind: 'type' | 'method',
    readonly index: number,
    /** Key of the owning TypeDefinition/MethodDefinition, or '' for a positional method parameter. */
    readonly ownerKey: string,
  ) {
    super(key);
  }
}

/** Any function pointer type: pointer-sized, no GC references. */
export class FunctionPointerType extends TypeDescBase {
  readonly kind = 'fnptr';
  constructor() {
    super('fnptr');
  }
}

/** A continuation class the EE makes for one suspension point's data layout (getContinuationType). */
export class ContinuationType extends TypeDescBase {
  readonly kind = 'continuation';
  constructor(
    key: string,
    readonly base: DefType,
    readonly dataSize: number,
    readonly objRefs: readonly boolean[],
  ) {
    super(key);
  }
}

export type TypeDesc =
  | DefType
  | CanonType
  | ArrayType
  | PointerType
  | ByRefType
  | GenericParamType
  | FunctionPointerType
  | ContinuationType;

/** Type arguments a signature's !n and !!n stand for. */
export interface InstantiationContext {
  readonly typeArgs: readonly TypeDesc[];
  readonly methodArgs: readonly TypeDesc[];
  /**
   * The type whose code the tokens come from, when known: a bare MethodDef or
   * FieldDef token naming a member of a generic type is taken in this
   * type's instantiation (or the matching base type's).
   */
  readonly owner?: DefType;
}

export const EMPTY_CONTEXT: InstantiationContext = Object.freeze({ typeArgs: [], methodArgs: [] });

export function defTypeKey(def: TypeDefinition, args: readonly TypeDesc[]): string {
  return args.length === 0 ? def.key : `${def.key}<${args.map((a) => a.key).join(',')}>`;
}

export function arrayTypeKey(element: TypeDesc, rank: number, isSzArray: boolean): string {
  if (isSzArray) return `${element.key}[]`;
  return rank === 1 ? `${element.key}[*]` : `${element.key}[${','.repeat(rank - 1)}]`;
}
