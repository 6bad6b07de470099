/** Queries about classes: names, sizes, layouts, element types, well-known classes and the helpers that allocate, box and cast. */

import {
  type CORINFO_CLASS_HANDLE,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_MODULE_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type ChildTypeInfo,
  type ClassGCLayout,
  type ClassNameFromMetadata,
  CorInfoClassId,
  CorInfoGCType,
  CorInfoHelpFunc,
  CorInfoType,
  EEError,
  type NewHelperInfo,
  NULL_CLASS_HANDLE,
} from '../jitee/index.js';
import { continuationClass } from './async-info-builder.js';
import type { CompileContext } from './compile-context.js';
import { OBJECT_METHOD_TABLE_SIZE, POINTER_SIZE, heapSize, instanceLayout } from './field-layout.js';
import { classForCorInfoType } from './signature-info.js';
import { staticLayout } from './static-layout.js';
import { corInfoTypeOf, isNullable } from './type-classification.js';
import type { DefType, TypeDesc } from './type-desc.js';

export function getClassNameFromMetadata(c: CompileContext, cls: CORINFO_CLASS_HANDLE): ClassNameFromMetadata {
  const t = c.rt.typeOf(cls);
  if (t.kind === 'def') return { className: t.def.name, namespaceName: t.def.namespace };
  if (t.kind === 'canon') return { className: '__Canon', namespaceName: 'System' };
  return { className: c.rt.names.className(t), namespaceName: '' };
}

export function getClassModule(c: CompileContext, cls: CORINFO_CLASS_HANDLE): CORINFO_MODULE_HANDLE {
  let t = c.rt.typeOf(cls);
  while (t.kind === 'array' || t.kind === 'ptr' || t.kind === 'byref') t = t.element;
  return c.rt.moduleHandle(t.kind === 'def' ? t.def.module : c.rt.corlib);
}

export function getClassSize(c: CompileContext, cls: CORINFO_CLASS_HANDLE): number {
  const t = c.rt.typeOf(cls);
  const layout = instanceLayout(c.ts, t);
  return c.ts.isValueType(t) ? layout.size : Math.max(0, layout.size - OBJECT_METHOD_TABLE_SIZE);
}

export function getHeapClassSize(c: CompileContext, cls: CORINFO_CLASS_HANDLE): number {
  return heapSize(c.ts, c.rt.typeOf(cls));
}

export function getClassAlignmentRequirement(c: CompileContext, cls: CORINFO_CLASS_HANDLE): number {
  const t = c.rt.typeOf(cls);
  return c.ts.isValueType(t) ? instanceLayout(c.ts, t).alignment : POINTER_SIZE;
}

export function getClassGClayout(c: CompileContext, cls: CORINFO_CLASS_HANDLE): ClassGCLayout {
  const layout = instanceLayout(c.ts, c.rt.typeOf(cls));
  const gcPtrs = new Uint8Array(layout.gcSlots);
  let numGCPtrs = 0;
  for (const g of gcPtrs) if (g !== CorInfoGCType.TYPE_GC_NONE) numGCPtrs++;
  return { gcPtrs, numGCPtrs };
}

export function getClassNumInstanceFields(c: CompileContext, cls: CORINFO_CLASS_HANDLE): number {
  const t = c.rt.typeOf(cls);
  return t.kind === 'def' ? c.ts.instanceFields(t).length : 0;
}

export function getFieldInClass(c: CompileContext, cls: CORINFO_CLASS_HANDLE, num: number): CORINFO_FIELD_HANDLE {
  const t = c.rt.typeOf(cls);
  const f = t.kind === 'def' ? c.ts.instanceFields(t)[num] : undefined;
  if (!f) throw new EEError('MissingField', `${c.rt.names.className(t)} has no instance field number ${num}`);
  return c.rt.fieldHandle(f);
}

export function getChildType(c: CompileContext, cls: CORINFO_CLASS_HANDLE): ChildTypeInfo {
  const t = c.rt.typeOf(cls);
  if (t.kind !== 'array' && t.kind !== 'ptr' && t.kind !== 'byref') return { type: CorInfoType.CORINFO_TYPE_UNDEF, childClass: NULL_CLASS_HANDLE };
  const type = corInfoTypeOf(c.ts, t.element);
  return { type, childClass: classForCorInfoType(c.rt, t.element, type) };
}

export function getBuiltinClass(c: CompileContext, classId: CorInfoClassId): CORINFO_CLASS_HANDLE {
  const ts = c.ts;
  const id = CorInfoClassId;
  const named = (name: string, fallback?: string) => ts.tryCorlibType('System', name) ?? (fallback ? ts.corlibType('System', fallback) : ts.corlibType('System', name));
  let t: TypeDesc;
  switch (classId) {
    case id.CLASSID_SYSTEM_OBJECT:
      t = ts.objectType;
      break;
    case id.CLASSID_TYPED_BYREF:
      t = named('TypedReference');
      break;
    case id.CLASSID_TYPE_HANDLE:
      t = named('RuntimeTypeHandle');
      break;
    case id.CLASSID_FIELD_HANDLE:
      t = named('RuntimeFieldHandle');
      break;
    case id.CLASSID_METHOD_HANDLE:
      t = named('RuntimeMethodHandle');
      break;
    case id.CLASSID_STRING:
      t = ts.stringType;
      break;
    case id.CLASSID_ARGUMENT_HANDLE:
      t = named('RuntimeArgumentHandle');
      break;
    case id.CLASSID_RUNTIME_TYPE:
      t = named('RuntimeType', 'Type');
      break;
    default:
      throw new EEError('NotSupported', `unknown CorInfoClassId ${String(classId)}`);
  }
  return c.rt.classHandle(t);
}

export function getTypeForBox(c: CompileContext, cls: CORINFO_CLASS_HANDLE): CORINFO_CLASS_HANDLE {
  const t = c.rt.typeOf(cls);
  return isNullable(c.ts, t) ? c.rt.classHandle(t.instantiation[0]!) : cls;
}

export function getBoxHelper(c: CompileContext, cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
  return isNullable(c.ts, c.rt.typeOf(cls)) ? CorInfoHelpFunc.CORINFO_HELP_BOX_NULLABLE : CorInfoHelpFunc.CORINFO_HELP_BOX;
}

export function getUnBoxHelper(c: CompileContext, cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
  return isNullable(c.ts, c.rt.typeOf(cls)) ? CorInfoHelpFunc.CORINFO_HELP_UNBOX_NULLABLE : CorInfoHelpFunc.CORINFO_HELP_UNBOX;
}

/** True when a class (or a base below System.Object) declares a Finalize override. */
function hasFinalizer(c: CompileContext, t: DefType): boolean {
  for (let cur: DefType | undefined = t; cur && cur !== c.ts.objectType; cur = c.ts.baseType(cur)) {
    if (cur.def.methods.some((m) => m.name === 'Finalize' && m.isVirtual && m.signature.params.length === 0)) return true;
  }
  return false;
}

export function getNewHelper(c: CompileContext, cls: CORINFO_CLASS_HANDLE): NewHelperInfo {
  const t = c.rt.typeOf(cls);
  if (t.kind === 'def' && (t.def.isAbstract || t.def.isInterface)) throw new EEError('InvalidProgram', `cannot allocate an instance of abstract ${c.rt.names.className(t)}`);
  const finalizer = t.kind === 'def' && c.ts.isReferenceType(t) && hasFinalizer(c, t);
  if (c.mode === 'r2r') return { helper: CorInfoHelpFunc.CORINFO_HELP_NEWFAST, hasSideEffects: finalizer };
  return { helper: finalizer ? CorInfoHelpFunc.CORINFO_HELP_NEWSFAST_FINALIZE : CorInfoHelpFunc.CORINFO_HELP_NEWSFAST, hasSideEffects: finalizer };
}

export function getNewArrHelper(c: CompileContext, arrayCls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
  const t = c.rt.typeOf(arrayCls);
  if (t.kind !== 'array') throw new EEError('InvalidProgram', `${c.rt.names.className(t)} is not an array type`);
  if (c.mode === 'r2r') return CorInfoHelpFunc.CORINFO_HELP_NEWARR_1_DIRECT;
  return c.ts.isReferenceType(t.element) ? CorInfoHelpFunc.CORINFO_HELP_NEWARR_1_OBJ : CorInfoHelpFunc.CORINFO_HELP_NEWARR_1_VC;
}

export function getCastingHelper(c: CompileContext, token: CORINFO_RESOLVED_TOKEN, throwing: boolean): CorInfoHelpFunc {
  const H = CorInfoHelpFunc;
  const t = c.rt.typeOf(token.hClass);
  const ts = c.ts;
  const isInterface = t.kind === 'def' && ts.category(t.def) === 'interface';
  let kind: 'any' | 'interface' | 'array' | 'class' = 'class';
  if (ts.containsCanon(t) || t.kind === 'genericParam' || ts.isValueType(t) || isNullable(ts, t)) kind = 'any';
  else if (t.kind === 'array') kind = 'array';
  else if (isInterface) kind = 'interface';
  if (throwing) return { any: H.CORINFO_HELP_CHKCASTANY, interface: H.CORINFO_HELP_CHKCASTINTERFACE, array: H.CORINFO_HELP_CHKCASTARRAY, class: H.CORINFO_HELP_CHKCASTCLASS }[kind];
  return { any: H.CORINFO_HELP_ISINSTANCEOFANY, interface: H.CORINFO_HELP_ISINSTANCEOFINTERFACE, array: H.CORINFO_HELP_ISINSTANCEOFARRAY, class: H.CORINFO_HELP_ISINSTANCEOFCLASS }[kind];
}

export function getSharedCCtorHelper(c: CompileContext, cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
  const t = c.rt.typeOf(cls);
  const hasGC = t.kind === 'def' && staticLayout(c.ts, t).gc.size > 0;
  return hasGC ? CorInfoHelpFunc.CORINFO_HELP_GET_GCSTATIC_BASE : CorInfoHelpFunc.CORINFO_HELP_GET_NONGCSTATIC_BASE;
}

export function getContinuationType(c: CompileContext, dataSize: number, objRefs: readonly boolean[]): CORINFO_CLASS_HANDLE {
  if (!Number.isInteger(dataSize) || dataSize < 0 || objRefs.length * POINTER_SIZE > Math.ceil(dataSize / POINTER_SIZE) * POINTER_SIZE) {
    throw new EEError('InvalidProgram', `continuation data of ${dataSize} bytes cannot hold ${objRefs.length} pointer slots`);
  }
  return c.rt.classHandle(c.ts.continuationType(continuationClass(c.rt), dataSize, objRefs));
}
