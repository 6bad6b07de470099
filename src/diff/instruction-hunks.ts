/**
 * An instruction-level diff of two placed results: the runs of instructions
 * that differ ("hunks"), each with the bytes it adds or removes. Explanations
 * attribute byte deltas to what the hunks call.
 *
 * Instructions are matched by their text with branch labels reduced to a
 * placeholder (a new instruction group renumbers every later label) and
 * relocated operands named, so a moved call still matches and a call whose
 * target changed does not.
 */

import { diffArrays } from 'diff';
import { disassemble } from '../jit/x64/disassemble.js';
import type { SymbolResolver } from '../jit/x64/ryujit-format.js';
import type { CollectionMode } from '../mc/mch-format.js';
import type { PlacedRelocation, PlacedResult } from './placement.js';
import { describeTarget } from './relocation-target.js';

export interface InstructionLine {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
  /** Relocations whose field lies in this instruction. */
  readonly relocations: readonly PlacedRelocation[];
}

export interface Hunk {
  readonly base: readonly InstructionLine[];
  readonly diff: readonly InstructionLine[];
  /** Bytes of the diff side minus bytes of the base side. */
  readonly deltaBytes: number;
}

const LABEL = 'L';

export function instructionLines(placed: PlacedResult, mode: CollectionMode | undefined): InstructionLine[] {
  const hot = placed.relocations.filter((r) => r.relocation.block === 'hot');
  const names = new Map(hot.map((r) => [r.relocation.offset, describeTarget(r.relocation, r.target, mode).name]));
  const symbols: SymbolResolver = (site) => (site.fieldOffset === undefined ? undefined : names.get(site.fieldOffset));
  return disassemble(placed.blocks.hot, placed.addresses.hot, { symbols, labelAt: () => LABEL }).map((i) => ({
    ...i,
    relocations: hot.filter((r) => r.relocation.offset >= i.offset && r.relocation.offset < i.offset + i.length),
  }));
}

function bytesOf(lines: readonly InstructionLine[]): number {
  return lines.reduce((sum, l) => sum + l.length, 0);
}

export function instructionHunks(base: readonly InstructionLine[], diff: readonly InstructionLine[]): Hunk[] {
  const changes = diffArrays(base.map((l) => l.text), diff.map((l) => l.text));
  const hunks: Hunk[] = [];
  let b = 0;
  let d = 0;
  let pending: { base: InstructionLine[]; diff: InstructionLine[] } | undefined;
  const flush = (): void => {
    if (pending === undefined) return;
    hunks.push({ ...pending, deltaBytes: bytesOf(pending.diff) - bytesOf(pending.base) });
    pending = undefined;
  };
  for (const change of changes) {
    if (!change.added && !change.removed) {
      flush();
      b += change.count;
      d += change.count;
      continue;
    }
    pending ??= { base: [], diff: [] };
    if (change.removed) {
      pending.base.push(...base.slice(b, b + change.count));
      b += change.count;
    } else {
      pending.diff.push(...diff.slice(d, d + change.count));
      d += change.count;
    }
  }
  flush();
  return hunks;
}
