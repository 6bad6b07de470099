/**
 * Comparing what accompanies the code: EH clauses, GC info, debug info and
 * unwind info. Each comparison names the first differing entries and says
 * whether only native offsets moved (the usual consequence of a code
 * difference earlier in the method).
 */

import { plainDataEqual } from '../agnostic/plain-equal.js';
import type { CompileSuccess } from '../jitee/compile-result.js';
import type { CORINFO_EH_CLAUSE } from '../jitee/structs.js';
import { CORINFO_EH_CLAUSE_FLAGS } from '../jitee/enums.js';
import type { GcInfo } from '../jitee/gc-info.js';
import type { UnwindInfo } from '../jitee/unwind-info.js';
import type { Difference } from './difference.js';
import {
  formatEhClause, formatGcLocation, formatGcSlot, formatMapping, formatSafePoint, formatUnwind, formatVar,
} from './entry-format.js';
import { compareLists } from './list-difference.js';

const same = (a: unknown, b: unknown): boolean => plainDataEqual(a, b);

function ehWithoutOffsets(c: CORINFO_EH_CLAUSE): unknown {
  const isFilter = (c.flags & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER) !== 0;
  return { flags: c.flags, token: isFilter ? undefined : c.classTokenOrFilterOffset };
}

export function ehDifference(base: CompileSuccess, diff: CompileSuccess): Difference | undefined {
  const cmp = compareLists('EH clause', base.ehClauses, diff.ehClauses, same, formatEhClause);
  if (cmp.equal) return undefined;
  const offsetsOnly = same(base.ehClauses.map(ehWithoutOffsets), diff.ehClauses.map(ehWithoutOffsets));
  return {
    class: 'eh',
    summary: offsetsOnly ? 'EH clause offsets moved' : `EH clauses differ (${base.ehClauses.length} in base, ${diff.ehClauses.length} in diff)`,
    details: cmp.lines,
    offsetsOnly,
  };
}

function gcWithoutOffsets(g: GcInfo): unknown {
  return { ...g, codeSize: undefined, safePoints: g.safePoints.map((p) => p.liveSlots) };
}

export function gcDifference(base: CompileSuccess, diff: CompileSuccess): Difference | undefined {
  const a = base.gcInfo;
  const b = diff.gcInfo;
  if (same(a, b)) return undefined;
  const parts: string[] = [];
  const details: string[] = [];
  const scalar = (name: string, x: unknown, y: unknown): void => {
    if (same(x, y)) return;
    parts.push(name);
    details.push(`${name}: ${String(x)} → ${String(y)}`);
  };
  scalar('code size', a.codeSize, b.codeSize);
  scalar('frame register', a.frameRegister, b.frameRegister);
  scalar('fully interruptible', a.fullyInterruptible, b.fullyInterruptible);
  const lists: [string, ReturnType<typeof compareLists>][] = [
    ['slots', compareLists('slot', a.slots, b.slots, same, formatGcSlot)],
    ['untracked slots', compareLists('untracked slot', a.untrackedSlots, b.untrackedSlots, same, String)],
    ['safe points', compareLists('safe point', a.safePoints, b.safePoints, same, formatSafePoint)],
  ];
  for (const [name, cmp] of lists) {
    if (cmp.equal) continue;
    parts.push(name);
    details.push(...cmp.lines);
  }
  if (!same(a.genericsContextSlot, b.genericsContextSlot)) {
    parts.push('generics context slot');
    const show = (l: GcInfo['genericsContextSlot']): string => (l === undefined ? '(none)' : formatGcLocation(l));
    details.push(`generics context slot: ${show(a.genericsContextSlot)} → ${show(b.genericsContextSlot)}`);
  }
  const offsetsOnly = same(gcWithoutOffsets(a), gcWithoutOffsets(b));
  return {
    class: 'gc info',
    summary: offsetsOnly ? 'GC safe point offsets moved' : `GC info differs: ${parts.join(', ')}`,
    details,
    offsetsOnly,
  };
}

export function debugInfoDifference(base: CompileSuccess, diff: CompileSuccess): Difference | undefined {
  const map = compareLists('mapping', base.boundaries, diff.boundaries, same, formatMapping);
  const vars = compareLists('variable', base.vars, diff.vars, same, formatVar);
  if (map.equal && vars.equal) return undefined;
  const parts = [...(map.equal ? [] : ['IL-to-native map']), ...(vars.equal ? [] : ['variable locations'])];
  const mapKeys = (r: CompileSuccess): unknown => r.boundaries.map((m) => [m.ilOffset, m.source]);
  const varKeys = (r: CompileSuccess): unknown => r.vars.map((v) => [v.varNumber, v.loc]);
  const offsetsOnly = same(mapKeys(base), mapKeys(diff)) && same(varKeys(base), varKeys(diff));
  return {
    class: 'debug info',
    summary: offsetsOnly ? 'debug info native offsets moved' : `debug info differs: ${parts.join(', ')}`,
    details: [...map.lines, ...vars.lines],
    offsetsOnly,
  };
}

function unwindWithoutRanges(u: UnwindInfo): unknown {
  return { ...u, startOffset: undefined, endOffset: undefined };
}

export function unwindDifference(base: CompileSuccess, diff: CompileSuccess): Difference | undefined {
  const cmp = compareLists('function', base.unwindInfo, diff.unwindInfo, same, formatUnwind);
  if (cmp.equal) return undefined;
  const offsetsOnly = same(base.unwindInfo.map(unwindWithoutRanges), diff.unwindInfo.map(unwindWithoutRanges));
  return {
    class: 'unwind',
    summary: offsetsOnly ? 'unwind ranges moved' : 'unwind info differs',
    details: cmp.lines,
    offsetsOnly,
  };
}
