/**
 * Decoded signatures. Type references stay tokens (TypeDef, TypeRef or
 * TypeSpec of the assembly the signature came from); resolving them is the
 * caller's business, so decoding never loads another assembly.
 */
export type TypeSig =
  /** void, bool, char, int8 … float64, string, object, native int/uint, typedref. */
  | { readonly kind: 'primitive'; readonly type: number }
  | { readonly kind: 'class'; readonly token: number }
  | { readonly kind: 'valuetype'; readonly token: number }
  /** A type's generic parameter !index. */
  | { readonly kind: 'var'; readonly index: number }
  /** A method's generic parameter !!index. */
  | { readonly kind: 'mvar'; readonly index: number }
  | { readonly kind: 'szarray'; readonly element: TypeSig }
  | {
      readonly kind: 'array';
      readonly element: TypeSig;
      readonly rank: number;
      readonly sizes: readonly number[];
      readonly lowerBounds: readonly number[];
    }
  | { readonly kind: 'ptr'; readonly element: TypeSig }
  | { readonly kind: 'byref'; readonly element: TypeSig }
  | {
      readonly kind: 'genericinst';
      readonly isValueType: boolean;
      /** TypeDefOrRef token of the generic type definition. */
      readonly genericType: number;
      readonly args: readonly TypeSig[];
    }
  | { readonly kind: 'fnptr'; readonly signature: MethodSig }
  /** A custom modifier (modreq when required, else modopt) applied to `type`. */
  | { readonly kind: 'modified'; readonly required: boolean; readonly modifier: number; readonly type: TypeSig }
  /** A pinned local. */
  | { readonly kind: 'pinned'; readonly type: TypeSig };

export type TypeSigKind = TypeSig['kind'];

/** MethodDefSig, MethodRefSig and StandAloneMethodSig (II.23.2.1–3). */
export interface MethodSig {
  /** The raw header byte. */
  readonly header: number;
  /** DEFAULT, C, STDCALL, THISCALL, FASTCALL, VARARG or UNMANAGED (low 4 bits). */
  readonly callingConvention: number;
  readonly hasThis: boolean;
  readonly explicitThis: boolean;
  readonly genericParamCount: number;
  readonly returnType: TypeSig;
  /** Every parameter, including the variable ones after the sentinel. */
  readonly params: readonly TypeSig[];
  /** Index in `params` where the vararg part begins (the sentinel), or -1. */
  readonly sentinelIndex: number;
}

/** PropertySig (II.23.2.5). */
export interface PropertySig {
  readonly hasThis: boolean;
  readonly type: TypeSig;
  readonly params: readonly TypeSig[];
}

/** StandAloneSig content: local variables, or a method signature for calli. */
export type StandAloneSig =
  | { readonly kind: 'locals'; readonly locals: readonly TypeSig[] }
  | { readonly kind: 'method'; readonly signature: MethodSig };

/** MemberRef signature: a field's type or a method signature. */
export type MemberRefSig =
  | { readonly kind: 'field'; readonly type: TypeSig }
  | { readonly kind: 'method'; readonly signature: MethodSig };

/** The type without custom modifiers and pinned wrappers. */
export function stripModifiers(t: TypeSig): TypeSig {
  while (t.kind === 'modified' || t.kind === 'pinned') t = t.type;
  return t;
}
