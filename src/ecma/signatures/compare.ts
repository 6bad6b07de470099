import type { MethodSig, TypeSig } from './sig-types.js';

/**
 * Decides whether type token `a` (in the first signature's assembly) and
 * token `b` (in the second's) name the same type.
 */
export type SameTypeToken = (a: number, b: number) => boolean;

/** Structural equality of two types, comparing type tokens through `sameType`. */
export function typeSigsEqual(a: TypeSig, b: TypeSig, sameType: SameTypeToken): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'primitive':
      return a.type === (b as typeof a).type;
    case 'class':
    case 'valuetype':
      return sameType(a.token, (b as typeof a).token);
    case 'var':
    case 'mvar':
      return a.index === (b as typeof a).index;
    case 'szarray':
    case 'ptr':
    case 'byref':
      return typeSigsEqual(a.element, (b as typeof a).element, sameType);
    case 'pinned':
      return typeSigsEqual(a.type, (b as typeof a).type, sameType);
    case 'modified': {
      const o = b as typeof a;
      return a.required === o.required && sameType(a.modifier, o.modifier) && typeSigsEqual(a.type, o.type, sameType);
    }
    case 'array': {
      const o = b as typeof a;
      return (
        a.rank === o.rank &&
        numbersEqual(a.sizes, o.sizes) &&
        numbersEqual(a.lowerBounds, o.lowerBounds) &&
        typeSigsEqual(a.element, o.element, sameType)
      );
    }
    case 'genericinst': {
      const o = b as typeof a;
      return (
        a.isValueType === o.isValueType &&
        a.args.length === o.args.length &&
        sameType(a.genericType, o.genericType) &&
        a.args.every((t, i) => typeSigsEqual(t, o.args[i]!, sameType))
      );
    }
    case 'fnptr':
      return methodSigsEqual(a.signature, (b as typeof a).signature, sameType);
  }
}

/**
 * Equality of method signatures as a call site must match a definition. With
 * `fixedPartOnly`, parameters after `a`'s sentinel (vararg extras) are ignored
 * and `b` must have exactly the fixed ones — how a vararg MemberRef matches its
 * MethodDef.
 */
export function methodSigsEqual(a: MethodSig, b: MethodSig, sameType: SameTypeToken, fixedPartOnly = false): boolean {
  if (a.callingConvention !== b.callingConvention) return false;
  if (a.hasThis !== b.hasThis || a.explicitThis !== b.explicitThis) return false;
  if (a.genericParamCount !== b.genericParamCount) return false;
  const aCount = fixedPartOnly && a.sentinelIndex >= 0 ? a.sentinelIndex : a.params.length;
  if (aCount !== (fixedPartOnly ? b.params.length : b.params.length)) return false;
  if (!fixedPartOnly && a.sentinelIndex !== b.sentinelIndex) return false;
  if (!typeSigsEqual(a.returnType, b.returnType, sameType)) return false;
  for (let i = 0; i < aCount; i++) if (!typeSigsEqual(a.params[i]!, b.params[i]!, sameType)) return false;
  return true;
}

function numbersEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
