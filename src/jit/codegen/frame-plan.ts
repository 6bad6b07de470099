/**
 * Where every variable lives in the frame (Tier0: all of them, always).
 *
 * Incoming arguments stay in their Windows x64 home slots above the return
 * address (the prolog stores the four register arguments there), except
 * value types passed by reference, which the prolog copies into a local
 * slot. Locals, evaluation-stack temporaries and the JIT's own slots get
 * 8-byte aligned slots below rbp. Slots holding GC pointers (and, with
 * localsinit, every IL local) are placed together so the prolog can zero
 * them in one run: the GC reports them for the whole method body
 * (untracked), so they must never hold garbage.
 */

import { CorInfoGCType, type GcSlot } from '../../jitee/index.js';
import type { IrMethod, IrVar } from '../ir/method.js';
import { sizeOfType } from '../ir/types.js';
import { incomingArgumentRbpOffset, planFrame, type FrameLayout } from '../x64/index.js';

export interface FramePlan {
  readonly layout: FrameLayout;
  /** rbp-relative offset of each variable's storage (by var id). */
  readonly varOffsets: Int32Array;
  /** rbp-relative range the prolog zeroes. */
  readonly zeroStart: number;
  readonly zeroEnd: number;
  /** Stack slots holding GC pointers (all untracked). */
  readonly gcSlots: readonly GcSlot[];
  /** Arguments passed by reference whose value the prolog copies into their local slot. */
  readonly copiedArgs: readonly number[];
}

function needsLocalSlot(v: IrVar): boolean {
  return (v.role !== 'arg' && v.role !== 'hidden') || v.passedByReference;
}

function containsGcPointers(v: IrVar): boolean {
  const t = v.type;
  return t.kind === 'ref' || t.kind === 'byref' || (t.kind === 'struct' && t.layout!.hasGcPointers);
}

export function planMethodFrame(method: IrMethod, outgoingArgumentBytes: number): FramePlan {
  const vars = method.vars;
  const relative = new Int32Array(vars.length);
  let size = 0;
  const place = (v: IrVar): void => {
    relative[v.id] = size;
    size += Math.ceil(Math.max(sizeOfType(v.type), 1) / 8) * 8;
  };
  const zeroed = (v: IrVar): boolean => containsGcPointers(v) || (method.initLocals && v.role === 'local');
  for (const v of vars) if (needsLocalSlot(v) && zeroed(v)) place(v);
  const zeroSize = size;
  for (const v of vars) if (needsLocalSlot(v) && !zeroed(v)) place(v);

  const layout = planFrame({ localsSize: size, outgoingArgumentBytes });
  const varOffsets = new Int32Array(vars.length);
  const copiedArgs: number[] = [];
  const gcSlots: GcSlot[] = [];
  for (const v of vars) {
    if (needsLocalSlot(v)) {
      varOffsets[v.id] = layout.localsRbpOffset + relative[v.id]!;
      if (v.passedByReference) copiedArgs.push(v.id);
    } else {
      varOffsets[v.id] = incomingArgumentRbpOffset(layout, v.abiIndex);
    }
    addGcSlots(gcSlots, v, varOffsets[v.id]!);
  }
  return {
    layout, varOffsets, zeroStart: layout.localsRbpOffset, zeroEnd: layout.localsRbpOffset + zeroSize, gcSlots, copiedArgs,
  };
}

function addGcSlots(slots: GcSlot[], v: IrVar, offset: number): void {
  const t = v.type;
  const pinned = v.pinned ? { pinned: true } : {};
  if (t.kind === 'ref' || t.kind === 'byref') {
    slots.push({ location: { kind: 'stack', base: 'frame', offset }, gcType: t.kind, ...pinned });
    return;
  }
  if (t.kind !== 'struct' || !t.layout!.hasGcPointers) return;
  t.layout!.gcPtrs.forEach((g, i) => {
    if (g === CorInfoGCType.TYPE_GC_REF || g === CorInfoGCType.TYPE_GC_BYREF) {
      slots.push({ location: { kind: 'stack', base: 'frame', offset: offset + 8 * i }, gcType: g === CorInfoGCType.TYPE_GC_REF ? 'ref' : 'byref', ...pinned });
    }
  });
}
