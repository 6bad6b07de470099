/**
 * Static field storage of one exact type. Each type has up to four blocks:
 * non-GC statics, GC statics, and their thread-static counterparts.
 * - Primitive, enum and pointer statics go to the non-GC block, by
 *   decreasing size (8, 4, 2, 1), declaration order within one size.
 * - Reference statics take one pointer slot of the GC block.
 * - Statics of other value types are boxed: the GC block holds a reference
 *   to the box (CORINFO_FLG_FIELD_STATIC_IN_HEAP), and the field's data
 *   starts after the box's method table pointer.
 * - [ThreadStatic] fields use the thread blocks by the same rules.
 * - RVA statics (FieldRVA) have no block: they live in the module image.
 * Offsets start at 0 from the block's base.
 */

import { eeGuard } from './errors.js';
import { POINTER_SIZE, storageOf } from './field-layout.js';
import type { FieldDesc } from './member-desc.js';
import type { DefType } from './type-desc.js';
import type { TypeSystem } from './type-system.js';

export interface StaticBlock {
  readonly size: number;
  readonly offsets: ReadonlyMap<FieldDesc, number>;
}

export interface StaticLayout {
  readonly nonGC: StaticBlock;
  readonly gc: StaticBlock;
  readonly threadNonGC: StaticBlock;
  readonly threadGC: StaticBlock;
  /** Value-type statics stored as boxes in the GC block. */
  readonly boxed: ReadonlySet<FieldDesc>;
  readonly rva: ReadonlySet<FieldDesc>;
}

export type StaticBlockKind = 'nonGC' | 'gc' | 'threadNonGC' | 'threadGC';

export interface StaticPlacement {
  readonly block: StaticBlockKind;
  readonly offset: number;
  readonly boxed: boolean;
}

export function staticLayout(ts: TypeSystem, t: DefType): StaticLayout {
  if (t._statics) return t._statics;
  const layout = eeGuard(`laying out the statics of ${t.def.fullName} in ${t.def.module.name}`, () => {
    const groups: Record<StaticBlockKind, { field: FieldDesc; size: number }[]> = { nonGC: [], gc: [], threadNonGC: [], threadGC: [] };
    const boxed = new Set<FieldDesc>();
    const rva = new Set<FieldDesc>();
    for (const f of ts.staticFields(t)) {
      if (f.def.hasRva) {
        rva.add(f);
        continue;
      }
      const thread = f.def.isThreadStatic;
      const s = storageOf(ts, ts.fieldType(f));
      const isRef = s.gc === 'ref' || s.gc === 'byref';
      const isStruct = ts.isValueType(ts.fieldType(f)) && ts.primitiveCorInfoType(ts.fieldType(f)) === undefined;
      if (isRef || isStruct) {
        if (isStruct) boxed.add(f);
        groups[thread ? 'threadGC' : 'gc'].push({ field: f, size: POINTER_SIZE });
      } else {
        groups[thread ? 'threadNonGC' : 'nonGC'].push({ field: f, size: s.size });
      }
    }
    const block = (entries: { field: FieldDesc; size: number }[]): StaticBlock => {
      const sorted = entries.map((e, i) => ({ ...e, i })).sort((a, b) => b.size - a.size || a.i - b.i);
      const offsets = new Map<FieldDesc, number>();
      let cur = 0;
      for (const e of sorted) {
        cur = Math.ceil(cur / e.size) * e.size;
        offsets.set(e.field, cur);
        cur += e.size;
      }
      return { size: Math.ceil(cur / POINTER_SIZE) * POINTER_SIZE, offsets };
    };
    return {
      nonGC: block(groups.nonGC),
      gc: block(groups.gc),
      threadNonGC: block(groups.threadNonGC),
      threadGC: block(groups.threadGC),
      boxed,
      rva,
    };
  });
  t._statics = layout;
  return layout;
}

/** Which block a static field is in and where. Undefined for RVA statics. */
export function staticPlacement(ts: TypeSystem, f: FieldDesc): StaticPlacement | undefined {
  const layout = staticLayout(ts, f.owner);
  for (const block of ['nonGC', 'gc', 'threadNonGC', 'threadGC'] as const) {
    const offset = layout[block].offsets.get(f);
    if (offset !== undefined) return { block, offset, boxed: layout.boxed.has(f) };
  }
  return undefined;
}
