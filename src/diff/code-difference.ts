/**
 * Comparing the code of two placed results: the bytes after relocation, the
 * instruction shapes with relocated fields masked, and the relocations
 * themselves (block, offset, type, addlDelta, target).
 */

import type { CollectionMode } from '../mc/mch-format.js';
import type { Difference, RelocationTargetChange } from './difference.js';
import { hexOffset, plural, signed } from './list-difference.js';
import { bytesEqual, CODE_BLOCKS, firstDifferingByte, maskRelocationFields, type PlacedRelocation, type PlacedResult } from './placement.js';
import { describeTarget, formatTarget, type TargetDescription } from './relocation-target.js';

export interface CodeComparison {
  readonly difference?: Difference;
  readonly notes: string[];
}

function shapeKey(r: PlacedRelocation): string {
  const x = r.relocation;
  return `${x.block}:${x.offset}:${x.type}:${x.addlDelta}`;
}

function shapesEqual(a: readonly PlacedRelocation[], b: readonly PlacedRelocation[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (list: readonly PlacedRelocation[]): string[] => list.map(shapeKey).sort();
  const x = sorted(a);
  const y = sorted(b);
  return x.every((k, i) => k === y[i]);
}

function byShape(list: readonly PlacedRelocation[]): Map<string, PlacedRelocation> {
  return new Map(list.map((r) => [shapeKey(r), r]));
}

/** Relocations (matched by shape) whose targets differ, in block and offset order. */
function targetChanges(base: PlacedResult, diff: PlacedResult, mode: CollectionMode | undefined): RelocationTargetChange[] {
  const theirs = byShape(diff.relocations);
  const changes: RelocationTargetChange[] = [];
  for (const mine of base.relocations) {
    const other = theirs.get(shapeKey(mine));
    if (other === undefined || other.target === mine.target) continue;
    changes.push({
      block: mine.relocation.block,
      offset: mine.relocation.offset,
      base: describeTarget(mine.relocation, mine.target, mode),
      diff: describeTarget(other.relocation, other.target, mode),
    });
  }
  return changes.sort((a, b) => CODE_BLOCKS.indexOf(a.block) - CODE_BLOCKS.indexOf(b.block) || a.offset - b.offset);
}

/** Same target, described differently: the code is the same, a person may still want to know. */
function descriptionNotes(base: PlacedResult, diff: PlacedResult, mode: CollectionMode | undefined): string[] {
  const theirs = byShape(diff.relocations);
  const notes: string[] = [];
  for (const mine of base.relocations) {
    const other = theirs.get(shapeKey(mine));
    if (other === undefined || other.target !== mine.target) continue;
    const a = describeTarget(mine.relocation, mine.target, mode);
    const b = describeTarget(other.relocation, other.target, mode);
    if (a.name === b.name && a.binding === b.binding) continue;
    notes.push(`relocation at ${hexOffset(mine.relocation.offset)} has the same target ${a.address}, named ${formatTarget(a)} in base and ${formatTarget(b)} in diff`);
  }
  return notes;
}

function bindingLabel(t: TargetDescription): string {
  return t.fixup ?? t.binding;
}

export function formatTargetChange(c: RelocationTargetChange): string {
  const where = c.block === 'hot' ? hexOffset(c.offset) : `${c.block} ${hexOffset(c.offset)}`;
  return `relocation at ${where}: ${formatTarget(c.base)} → ${formatTarget(c.diff)}`;
}

function relocationOnly(changes: RelocationTargetChange[]): Difference {
  const kinds = new Map<string, number>();
  for (const c of changes) {
    const key = `${bindingLabel(c.base)} → ${bindingLabel(c.diff)}`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  const byKind = [...kinds].map(([k, n]) => `${k} (${n})`).join(', ');
  return {
    class: 'relocation target only',
    summary: `${changes.length} relocation ${plural('target', changes.length)} differ: ${byKind}`,
    details: changes.map(formatTargetChange),
    targetChanges: changes,
  };
}

function codeDifference(base: PlacedResult, diff: PlacedResult): Difference {
  const details: string[] = [];
  const parts: string[] = [];
  const a = base.blocks;
  const b = diff.blocks;
  const hotSize = `code size ${a.hot.length} → ${b.hot.length} (${signed(b.hot.length - a.hot.length)})`;
  if (!bytesEqual(a.hot, b.hot)) parts.push(`${hotSize}, first difference at offset ${hexOffset(firstDifferingByte(a.hot, b.hot))}`);
  if (!bytesEqual(a.cold, b.cold)) parts.push(`cold code ${a.cold.length} → ${b.cold.length} bytes, first difference at ${hexOffset(firstDifferingByte(a.cold, b.cold))}`);
  if (!bytesEqual(a.rodata, b.rodata)) parts.push(`read-only data ${a.rodata.length} → ${b.rodata.length} bytes, first difference at ${hexOffset(firstDifferingByte(a.rodata, b.rodata))}`);
  if (parts.length === 0) parts.push(`relocations differ, same bytes (${hotSize})`);
  if (base.relocations.length !== diff.relocations.length) {
    details.push(`${base.relocations.length} relocations in base, ${diff.relocations.length} in diff`);
  }
  return { class: 'code', summary: parts.join('; '), details };
}

export function compareCode(base: PlacedResult, diff: PlacedResult, mode: CollectionMode | undefined): CodeComparison {
  const sameShapes = shapesEqual(base.relocations, diff.relocations);
  const samePatched = CODE_BLOCKS.every((k) => bytesEqual(base.blocks[k], diff.blocks[k]));
  if (sameShapes) {
    const changes = targetChanges(base, diff, mode);
    const notes = descriptionNotes(base, diff, mode);
    if (samePatched && changes.length === 0) return { notes };
    const maskedBase = maskRelocationFields(base);
    const maskedDiff = maskRelocationFields(diff);
    if (CODE_BLOCKS.every((k) => bytesEqual(maskedBase[k], maskedDiff[k])) && changes.length > 0) {
      return { difference: relocationOnly(changes), notes };
    }
  }
  return { difference: codeDifference(base, diff), notes: [] };
}
