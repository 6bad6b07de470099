/**
 * How the JIT sees a type: its CorInfoType and its CorInfoClassFlags, and a
 * few type predicates several queries share.
 */

import { CorInfoClassFlags, CorInfoType } from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import { instanceLayout } from './field-layout.js';
import type { DefType, TypeDesc } from './type-desc.js';
import type { TypeSystem } from './type-system.js';

/** CorInfoType of a type: primitives and enums as their primitive, structs VALUECLASS, references CLASS. */
export function corInfoTypeOf(ts: TypeSystem, t: TypeDesc): CorInfoType {
  const p = ts.primitiveCorInfoType(t);
  if (p !== undefined) return p;
  switch (t.kind) {
    case 'def':
      if (ts.isValueType(t)) return isTypedReference(t) ? CorInfoType.CORINFO_TYPE_REFANY : CorInfoType.CORINFO_TYPE_VALUECLASS;
      return CorInfoType.CORINFO_TYPE_CLASS;
    case 'byref':
      return CorInfoType.CORINFO_TYPE_BYREF;
    case 'ptr':
    case 'fnptr':
      return CorInfoType.CORINFO_TYPE_PTR;
    default:
      return CorInfoType.CORINFO_TYPE_CLASS;
  }
}

function isTypedReference(t: DefType): boolean {
  return t.def.namespace === 'System' && t.def.name === 'TypedReference';
}

/** True for delegate types (derived from System.Delegate, not Delegate or MulticastDelegate themselves). */
export function isDelegateType(ts: TypeSystem, t: TypeDesc): boolean {
  if (t.kind !== 'def') return false;
  const isDelegateBase = (d: DefType) => d.def.module === ts.corlib && d.def.namespace === 'System' && (d.def.name === 'Delegate' || d.def.name === 'MulticastDelegate');
  if (isDelegateBase(t)) return false;
  for (let cur = ts.baseType(t); cur; cur = ts.baseType(cur)) if (isDelegateBase(cur)) return true;
  return false;
}

export function isNullable(ts: TypeSystem, t: TypeDesc): t is DefType {
  return t.kind === 'def' && t.def.module === ts.corlib && t.def.namespace === 'System' && t.def.name === 'Nullable`1';
}

export function isStringType(ts: TypeSystem, t: TypeDesc): boolean {
  return t.kind === 'def' && t.def.module === ts.corlib && t.def.namespace === 'System' && t.def.name === 'String';
}

/** A value type whose layout crossgen2 may not bake in: from outside the version bubble and not NonVersionable. */
export function layoutOutsideBubble(c: CompileContext, t: TypeDesc): boolean {
  if (c.mode !== 'r2r' || t.kind !== 'def' || !c.ts.isValueType(t)) return false;
  if (c.ts.primitiveCorInfoType(t) !== undefined) return false;
  if (t.def.module === c.root.def?.module) return false;
  return !t.def.hasAttribute('System.Runtime.Versioning', 'NonVersionableAttribute');
}

export function classAttribs(c: CompileContext, t: TypeDesc): number {
  t._classAttribs ??= staticClassAttribs(c.ts, t);
  return layoutOutsideBubble(c, t) ? t._classAttribs | CorInfoClassFlags.CORINFO_FLG_DONT_DIG_FIELDS : t._classAttribs;
}

/** The flags that depend only on the type (not on the mode or the compiled method). */
function staticClassAttribs(ts: TypeSystem, t: TypeDesc): number {
  const F = CorInfoClassFlags;
  let flags = 0;
  switch (t.kind) {
    case 'def': {
      const category = ts.category(t.def);
      if (category === 'interface') flags |= F.CORINFO_FLG_INTERFACE | F.CORINFO_FLG_ABSTRACT;
      else if (category !== 'class') flags |= F.CORINFO_FLG_VALUECLASS;
      if (t.def.isSealed) flags |= F.CORINFO_FLG_FINAL;
      if (t.def.isAbstract && category === 'class') flags |= F.CORINFO_FLG_ABSTRACT;
      if (t.def.isBeforeFieldInit) flags |= F.CORINFO_FLG_BEFOREFIELDINIT;
      if (category !== 'interface') {
        const layout = instanceLayout(ts, t);
        if (layout.containsGCPointers) flags |= F.CORINFO_FLG_CONTAINS_GC_PTR;
        if (layout.overlappingFields) flags |= F.CORINFO_FLG_OVERLAPPING_FIELDS;
        if (layout.isByRefLike) flags |= F.CORINFO_FLG_BYREF_LIKE;
        if (category === 'valuetype' && (t.def.layoutKind === 'explicit' || (t.def.module.assembly.classLayout(t.def.rid)?.classSize ?? 0) > 0)) {
          flags |= F.CORINFO_FLG_CUSTOMLAYOUT;
        }
      }
      if (isDelegateType(ts, t)) flags |= F.CORINFO_FLG_DELEGATE;
      if (isStringType(ts, t)) flags |= F.CORINFO_FLG_VAROBJSIZE;
      if (ts.containsCanon(t)) flags |= F.CORINFO_FLG_SHAREDINST;
      break;
    }
    case 'array': {
      flags |= F.CORINFO_FLG_ARRAY | F.CORINFO_FLG_VAROBJSIZE | F.CORINFO_FLG_FINAL;
      const el = t.element;
      if (ts.isReferenceType(el) || (ts.isValueType(el) && instanceLayout(ts, el).containsGCPointers)) flags |= F.CORINFO_FLG_CONTAINS_GC_PTR;
      if (ts.containsCanon(t)) flags |= F.CORINFO_FLG_SHAREDINST;
      break;
    }
    case 'canon':
      flags |= F.CORINFO_FLG_SHAREDINST;
      break;
    case 'genericParam':
      flags |= F.CORINFO_FLG_GENERIC_TYPE_VARIABLE;
      break;
    case 'continuation':
      flags |= F.CORINFO_FLG_CONTAINS_GC_PTR | F.CORINFO_FLG_FINAL;
      break;
    default:
      break;
  }
  return flags;
}
