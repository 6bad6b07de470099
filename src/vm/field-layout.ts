/**
 * Instance field layout and GC reference maps.
 *
 * Rules (x64, pointer size 8):
 * - Classes: the object starts with the 8-byte method table pointer; a
 *   class's fields follow its base class's fields (System.Object ends at 8).
 *   Offsets are from the object start, the way field offsets are used on an
 *   object reference. `size` is the end of the last field.
 * - Value types: offsets from the start of the data; `size` is rounded up to
 *   the alignment; an empty struct has size 1.
 * - Auto layout: object references first (pointer aligned, declaration
 *   order), then every other field by decreasing alignment (8, 4, 2, 1),
 *   declaration order within one alignment; each field aligned to its own
 *   alignment. [StructLayout] Pack is ignored.
 * - Sequential layout: declaration order, each field aligned to
 *   min(its alignment, Pack) (Pack 0 means 8). A sequential type that holds
 *   GC references (directly or in a nested struct) is laid out as auto, as
 *   CoreCLR does for non-blittable types.
 * - Explicit layout: FieldLayout offsets (after the base class's fields for
 *   classes); a GC reference must be pointer aligned; overlapping fields are
 *   flagged.
 * - ClassLayout Size makes a value type at least that large.
 * - Alignment of a value type: its largest field alignment (capped by Pack
 *   for sequential and explicit layout).
 * - Primitives have their natural size and alignment; enums are their
 *   underlying primitive.
 *
 * The GC map has one CorInfoGCType per 8-byte slot from offset 0: for a
 * class, slot 0 is the method table pointer (TYPE_GC_NONE).
 */

import { CorInfoGCType, CorInfoType, EEError } from '../jitee/index.js';
import { eeGuard } from './errors.js';
import type { FieldDesc } from './member-desc.js';
import type { ContinuationType, DefType, TypeDesc } from './type-desc.js';
import type { TypeSystem } from './type-system.js';

export const POINTER_SIZE = 8;
/** Bytes before the first field of an object: the method table pointer. */
export const OBJECT_METHOD_TABLE_SIZE = 8;
/** Bytes before the method table pointer (the object header). */
export const OBJECT_HEADER_SIZE = 8;
/** Smallest object the allocator hands out (header + method table + one slot). */
export const MIN_OBJECT_SIZE = 24;

export interface InstanceLayout {
  /** Offsets of the type's own instance fields. */
  readonly fieldOffsets: ReadonlyMap<FieldDesc, number>;
  readonly size: number;
  readonly alignment: number;
  readonly gcSlots: Uint8Array;
  readonly containsGCPointers: boolean;
  readonly overlappingFields: boolean;
  readonly isByRefLike: boolean;
  /** The rule actually applied (a sequential type with GC references reports 'auto'). */
  readonly rule: 'primitive' | 'auto' | 'sequential' | 'explicit' | 'runtime';
}

export function primitiveSize(t: CorInfoType): number {
  switch (t) {
    case CorInfoType.CORINFO_TYPE_VOID:
    case CorInfoType.CORINFO_TYPE_BOOL:
    case CorInfoType.CORINFO_TYPE_BYTE:
    case CorInfoType.CORINFO_TYPE_UBYTE:
      return 1;
    case CorInfoType.CORINFO_TYPE_CHAR:
    case CorInfoType.CORINFO_TYPE_SHORT:
    case CorInfoType.CORINFO_TYPE_USHORT:
      return 2;
    case CorInfoType.CORINFO_TYPE_INT:
    case CorInfoType.CORINFO_TYPE_UINT:
    case CorInfoType.CORINFO_TYPE_FLOAT:
      return 4;
    default:
      return 8;
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** How a field of type `t` is stored inline. */
interface Storage {
  readonly size: number;
  readonly alignment: number;
  readonly gc: 'none' | 'ref' | 'byref' | 'struct';
  readonly layout?: InstanceLayout;
}

const REF_STORAGE: Storage = { size: 8, alignment: 8, gc: 'ref' };
const BYREF_STORAGE: Storage = { size: 8, alignment: 8, gc: 'byref' };
const POINTER_STORAGE: Storage = { size: 8, alignment: 8, gc: 'none' };

const inProgress = new WeakSet<TypeDesc>();

export function storageOf(ts: TypeSystem, t: TypeDesc): Storage {
  switch (t.kind) {
    case 'byref':
      return BYREF_STORAGE;
    case 'ptr':
    case 'fnptr':
      return POINTER_STORAGE;
    case 'def': {
      if (!ts.isValueType(t)) return REF_STORAGE;
      const layout = instanceLayout(ts, t);
      return { size: layout.size, alignment: layout.alignment, gc: layout.containsGCPointers ? 'struct' : 'none', layout };
    }
    default:
      return REF_STORAGE;
  }
}

export function instanceLayout(ts: TypeSystem, t: TypeDesc): InstanceLayout {
  if (t._layout) return t._layout;
  if (inProgress.has(t)) throw new EEError('TypeLoad', `${t.key}: a value type contains itself`);
  inProgress.add(t);
  try {
    let layout: InstanceLayout;
    switch (t.kind) {
      case 'def':
        layout = eeGuard(`laying out ${t.def.fullName} in ${t.def.module.name}`, () => defTypeLayout(ts, t));
        break;
      case 'continuation':
        layout = continuationLayout(ts, t);
        break;
      case 'array':
      case 'canon':
        layout = runtimeClassLayout(OBJECT_METHOD_TABLE_SIZE);
        break;
      default:
        layout = { ...runtimeClassLayout(8), rule: 'runtime', gcSlots: new Uint8Array(1) };
    }
    t._layout = layout;
    return layout;
  } finally {
    inProgress.delete(t);
  }
}

function runtimeClassLayout(size: number): InstanceLayout {
  return {
    fieldOffsets: new Map(),
    size,
    alignment: POINTER_SIZE,
    gcSlots: new Uint8Array(Math.ceil(size / POINTER_SIZE)),
    containsGCPointers: false,
    overlappingFields: false,
    isByRefLike: false,
    rule: 'runtime',
  };
}

function primitiveLayout(type: CorInfoType, fields: readonly FieldDesc[]): InstanceLayout {
  const size = primitiveSize(type);
  return {
    fieldOffsets: new Map(fields.map((f) => [f, 0])),
    size,
    alignment: size,
    gcSlots: new Uint8Array(1),
    containsGCPointers: false,
    overlappingFields: false,
    isByRefLike: false,
    rule: 'primitive',
  };
}

function defTypeLayout(ts: TypeSystem, t: DefType): InstanceLayout {
  const def = t.def;
  const category = ts.category(def);
  const fields = ts.instanceFields(t);
  if (category === 'primitive') return primitiveLayout(ts.primitiveCorInfoType(t)!, fields);
  if (category === 'enum') return primitiveLayout(ts.primitiveCorInfoType(t)!, fields);
  if (category === 'interface') return runtimeClassLayout(OBJECT_METHOD_TABLE_SIZE);

  const isClass = category === 'class';
  const parent = isClass ? ts.baseType(t) : undefined;
  const parentLayout = parent ? instanceLayout(ts, parent) : undefined;
  const start = isClass ? (parentLayout?.size ?? OBJECT_METHOD_TABLE_SIZE) : 0;

  const storages = fields.map((f) => storageOf(ts, ts.fieldType(f)));
  const classLayout = def.module.assembly.classLayout(def.rid);
  const pack = classLayout && classLayout.packingSize > 0 ? Math.min(classLayout.packingSize, 8) : 8;
  const containsGC = storages.some((s) => s.gc !== 'none') || (parentLayout?.containsGCPointers ?? false);
  let rule: InstanceLayout['rule'] = def.layoutKind;
  if (rule === 'sequential' && storages.some((s) => s.gc !== 'none')) rule = 'auto';

  const offsets = new Map<FieldDesc, number>();
  let end = start;
  let alignment = 1;
  let overlapping = false;
  const place = (i: number, offset: number): void => {
    offsets.set(fields[i]!, offset);
    end = Math.max(end, offset + storages[i]!.size);
  };

  if (rule === 'explicit') {
    const extents: [number, number][] = [];
    fields.forEach((f, i) => {
      const declared = def.module.assembly.fieldOffset(f.def.rid);
      if (declared === undefined) throw new EEError('TypeLoad', `${def.fullName} has explicit layout but field ${f.name} has no offset`);
      const offset = start + declared;
      const s = storages[i]!;
      if (s.gc !== 'none' && offset % POINTER_SIZE !== 0) {
        throw new EEError('TypeLoad', `${def.fullName}: field ${f.name} holds GC references at misaligned offset ${declared}`);
      }
      for (const [a, b] of extents) if (offset < b && a < offset + s.size) overlapping = true;
      extents.push([offset, offset + s.size]);
      alignment = Math.max(alignment, Math.min(s.alignment, pack));
      place(i, offset);
    });
  } else if (rule === 'sequential') {
    let cur = start;
    fields.forEach((_, i) => {
      const s = storages[i]!;
      const a = Math.min(s.alignment, pack);
      alignment = Math.max(alignment, a);
      cur = alignUp(cur, a);
      place(i, cur);
      cur += s.size;
    });
  } else {
    let cur = start;
    const order = fields.map((_, i) => i);
    const refs = order.filter((i) => storages[i]!.gc === 'ref' || storages[i]!.gc === 'byref');
    const others = order.filter((i) => !refs.includes(i)).sort((a, b) => storages[b]!.alignment - storages[a]!.alignment || a - b);
    for (const i of [...refs, ...others]) {
      const s = storages[i]!;
      alignment = Math.max(alignment, s.alignment);
      cur = alignUp(cur, s.alignment);
      place(i, cur);
      cur += s.size;
    }
  }

  let size: number;
  if (isClass) {
    size = end;
    alignment = POINTER_SIZE;
  } else {
    size = Math.max(end, classLayout?.classSize ?? 0);
    size = size === 0 ? 1 : alignUp(size, alignment);
  }

  const gcSlots = new Uint8Array(Math.ceil(size / POINTER_SIZE));
  if (parentLayout) gcSlots.set(parentLayout.gcSlots.subarray(0, gcSlots.length));
  fields.forEach((f, i) => {
    const s = storages[i]!;
    const offset = offsets.get(f)!;
    if (s.gc === 'none') return;
    if (offset % POINTER_SIZE !== 0) throw new EEError('TypeLoad', `${def.fullName}: field ${f.name} holds GC references at misaligned offset ${offset}`);
    const slot = offset / POINTER_SIZE;
    if (s.gc === 'ref') gcSlots[slot] = CorInfoGCType.TYPE_GC_REF;
    else if (s.gc === 'byref') gcSlots[slot] = CorInfoGCType.TYPE_GC_BYREF;
    else s.layout!.gcSlots.forEach((g, j) => {
      if (g !== CorInfoGCType.TYPE_GC_NONE) gcSlots[slot + j] = g;
    });
  });

  return {
    fieldOffsets: offsets,
    size,
    alignment,
    gcSlots,
    containsGCPointers: containsGC,
    overlappingFields: overlapping,
    isByRefLike: def.hasAttribute('System.Runtime.CompilerServices', 'IsByRefLikeAttribute'),
    rule,
  };
}

/** The data area of a continuation follows the Continuation base fields, pointer aligned. */
export function continuationDataOffset(ts: TypeSystem, t: ContinuationType): number {
  return alignUp(instanceLayout(ts, t.base).size, POINTER_SIZE);
}

function continuationLayout(ts: TypeSystem, t: ContinuationType): InstanceLayout {
  const base = instanceLayout(ts, t.base);
  const dataOffset = continuationDataOffset(ts, t);
  const size = dataOffset + t.dataSize;
  const gcSlots = new Uint8Array(Math.ceil(size / POINTER_SIZE));
  gcSlots.set(base.gcSlots.subarray(0, gcSlots.length));
  t.objRefs.forEach((isRef, i) => {
    if (isRef) gcSlots[dataOffset / POINTER_SIZE + i] = CorInfoGCType.TYPE_GC_REF;
  });
  return {
    fieldOffsets: new Map(),
    size,
    alignment: POINTER_SIZE,
    gcSlots,
    containsGCPointers: true,
    overlappingFields: false,
    isByRefLike: false,
    rule: 'runtime',
  };
}

/** Bytes the allocator hands out for an instance of a class (header and method table included). */
export function heapSize(ts: TypeSystem, t: TypeDesc): number {
  const layout = instanceLayout(ts, t);
  if (ts.isValueType(t)) return Math.max(MIN_OBJECT_SIZE, OBJECT_HEADER_SIZE + OBJECT_METHOD_TABLE_SIZE + alignUp(layout.size, POINTER_SIZE));
  return Math.max(MIN_OBJECT_SIZE, alignUp(OBJECT_HEADER_SIZE + layout.size, POINTER_SIZE));
}
