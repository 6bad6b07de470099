/**
 * Methods and fields in context. A MethodDesc is a method definition on an
 * exact owner type with an exact method instantiation (List<string>.Add and
 * List<object>.Add are two MethodDescs that share one piece of code, the one
 * of List<__Canon>.Add). A FieldDesc is a field definition on an exact owner.
 * Synthetic methods (array accessors, resumption stubs) have no definition.
 */

import type { CORINFO_FIELD_HANDLE, CORINFO_METHOD_HANDLE } from '../jitee/index.js';
import type { FieldDefinition, MethodDefinition, ModuleDesc } from './definitions.js';
import type { DefType, TypeDesc } from './type-desc.js';

/** A signature with every type loaded in its context. */
export interface MethodSignature {
  /** Low nibble of the header: DEFAULT, VARARG, … */
  readonly callingConvention: number;
  readonly hasThis: boolean;
  readonly explicitThis: boolean;
  readonly genericParamCount: number;
  readonly returnType: TypeDesc;
  readonly params: readonly TypeDesc[];
  /** Index of the vararg sentinel in params, or -1. */
  readonly sentinelIndex: number;
  /** Module whose tokens the blob uses. */
  readonly module: ModuleDesc;
  readonly blob: Uint8Array;
  /** Token the signature came from (MethodDef, MemberRef, StandAloneSig) or 0. */
  readonly token: number;
}

/** Local variables of a method body, in context. */
export interface LocalSignature {
  readonly types: readonly TypeDesc[];
  readonly pinned: readonly boolean[];
  readonly module: ModuleDesc;
  readonly blob: Uint8Array;
  readonly token: number;
}

export type SyntheticMethodKind = 'arrayGet' | 'arraySet' | 'arrayAddress' | 'arrayCtor' | 'resumptionStub';

export interface SyntheticMethod {
  readonly kind: SyntheticMethodKind;
  readonly name: string;
  readonly signature: MethodSignature;
}

export class MethodDesc {
  handle: CORINFO_METHOD_HANDLE | undefined;
  _signature: MethodSignature | undefined;
  _canonical: MethodDesc | undefined;
  /** Flag word without per-compile bits (see methodAttribs). */
  _attribs: number | undefined;
  /** CORINFO_SIG_INFO without and with CORINFO_CALLCONV_PARAMTYPE. */
  _sigInfo: [unknown, unknown] = [undefined, undefined];

  constructor(
    readonly key: string,
    /** Exact owner: a DefType, or an ArrayType for array accessors. */
    readonly owner: TypeDesc,
    readonly def: MethodDefinition | undefined,
    readonly instantiation: readonly TypeDesc[],
    readonly synthetic: SyntheticMethod | undefined,
  ) {}

  get name(): string {
    return this.def ? this.def.name : this.synthetic!.name;
  }

  get isStatic(): boolean {
    return this.def ? this.def.isStatic : this.synthetic!.kind === 'resumptionStub';
  }

  get isVirtual(): boolean {
    return this.def?.isVirtual ?? false;
  }

  /** The owner when it is a DefType (every method with a definition has one). */
  get ownerDef(): DefType | undefined {
    return this.owner.kind === 'def' ? this.owner : undefined;
  }
}

export class FieldDesc {
  handle: CORINFO_FIELD_HANDLE | undefined;
  _type: TypeDesc | undefined;

  constructor(
    readonly key: string,
    readonly owner: DefType,
    readonly def: FieldDefinition,
  ) {}

  get name(): string {
    return this.def.name;
  }

  get isStatic(): boolean {
    return this.def.isStatic;
  }
}
