/**
 * Explanations of a diff, in words, from what the two results say about
 * themselves: relocations (what each call goes to, through which cell),
 * the JIT's inlining report, and an instruction-level diff that puts a byte
 * count on each change.
 *
 * For runtime-async methods each of the six context operations is compared:
 * "context operation CaptureContexts (method start) inlined in base, called
 * as helper CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS in diff: +12 bytes". The
 * bytes are those of the differing instruction runs that involve the
 * operation; runs involving several operations are reported as shared.
 */

import { ASYNC_CONTEXT_CALLS, type AsyncContextCall } from '../jitee/async-info.js';
import type { CompileSuccess } from '../jitee/compile-result.js';
import type { CollectionMode } from '../mc/mch-format.js';
import { inlineeUse, isUnused, operationUse, relocationUse, type AsyncMethodHandles, type OperationUse } from './async-operations.js';
import { formatTargetChange } from './code-difference.js';
import type { NearDiffResult, RelocationTargetChange } from './difference.js';
import { instructionHunks, instructionLines, type Hunk } from './instruction-hunks.js';
import { plural, signed } from './list-difference.js';
import type { PlacedPair } from './near-differ.js';
import type { PlacedRelocation } from './placement.js';
import { describeTarget } from './relocation-target.js';

export type ExplanationKind = 'async context operation' | 'relocation target' | 'inlining' | 'other code' | 'moved with the code';

export interface Explanation {
  readonly kind: ExplanationKind;
  readonly text: string;
  /** The async context operation (AsyncHelpers method name). */
  readonly operation?: string;
  /** Bytes this change accounts for (diff - base), when known. */
  readonly byteDelta?: number;
}

export interface ExplainInput {
  readonly placed: PlacedPair;
  readonly nearDiff: NearDiffResult;
  readonly mode?: CollectionMode;
  /** The AsyncHelpers method handles from the context's getAsyncInfo, when it was recorded. */
  readonly asyncMethods?: AsyncMethodHandles;
}

function bytesText(n: number): string {
  return n === 0 ? 'same size' : `${signed(n)} ${plural('byte', Math.abs(n))}`;
}

function via(calls: readonly PlacedRelocation[], mode: CollectionMode | undefined): string {
  const r = calls[0]!;
  if (r.relocation.indirect !== true) return '';
  const binding = describeTarget(r.relocation, r.target, mode).binding;
  return ` through ${/^[aeiouAEIOU]/.test(binding) ? 'an' : 'a'} ${binding}`;
}

function callCount(calls: readonly PlacedRelocation[]): string {
  return calls.length > 1 ? ` (${calls.length} calls)` : '';
}

function describeUse(use: OperationUse, op: AsyncContextCall, mode: CollectionMode | undefined): string {
  const parts: string[] = [];
  if (use.inlined > 0) parts.push(use.inlined > 1 ? `inlined (${use.inlined} sites)` : 'inlined');
  if (use.helperCalls.length > 0) parts.push(`called as helper ${op.helper}${via(use.helperCalls, mode)}${callCount(use.helperCalls)}`);
  if (use.methodCalls.length > 0) {
    const first = use.methodCalls[0]!;
    const name = describeTarget(first.relocation, first.target, mode).name;
    parts.push(`called as ${name}${via(use.methodCalls, mode)}${callCount(use.methodCalls)}`);
  }
  if (parts.length > 0) return parts.join(' and ');
  return use.inliningReported ? 'not used' : 'not called (inlined or not needed)';
}

/**
 * A run of changed instructions that involves several operations and pairs
 * line for line (calls whose targets changed, next to each other) is split
 * into its pairs, so each operation gets its own bytes.
 */
function splitPairedHunks(hunks: readonly Hunk[], handles: AsyncMethodHandles | undefined): Hunk[] {
  return hunks.flatMap((h) => {
    if (h.base.length !== h.diff.length || h.base.length < 2 || hunkOperations(h, handles).size < 2) return [h];
    return h.base.map((b, i) => ({ base: [b], diff: [h.diff[i]!], deltaBytes: h.diff[i]!.length - b.length }));
  });
}

/** The operations a hunk's instructions call or load. */
function hunkOperations(hunk: Hunk, handles: AsyncMethodHandles | undefined): Set<AsyncContextCall> {
  const ops = new Set<AsyncContextCall>();
  for (const line of [...hunk.base, ...hunk.diff]) {
    for (const r of line.relocations) {
      for (const op of ASYNC_CONTEXT_CALLS) if (relocationUse(r, op, handles) !== undefined) ops.add(op);
    }
  }
  return ops;
}

function asyncExplanations(input: ExplainInput, hunks: readonly Hunk[], attributed: Set<Hunk>): Explanation[] {
  const { placed, mode, asyncMethods } = input;
  const changed: { op: AsyncContextCall; baseText: string; diffText: string }[] = [];
  // A JIT that reports inlinees on one side but not the other leaves the list out when it is empty.
  const inliningReported = placed.base.result.inlinees !== undefined || placed.diff.result.inlinees !== undefined;
  for (const op of ASYNC_CONTEXT_CALLS) {
    const inBase = { ...operationUse(placed.base.result, placed.base.relocations, op, asyncMethods), inliningReported };
    const inDiff = { ...operationUse(placed.diff.result, placed.diff.relocations, op, asyncMethods), inliningReported };
    if (isUnused(inBase) && isUnused(inDiff)) continue;
    const baseText = describeUse(inBase, op, mode);
    const diffText = describeUse(inDiff, op, mode);
    // Bound the same way on both sides: any change around it is someone else's.
    if (baseText !== diffText) changed.push({ op, baseText, diffText });
  }
  if (changed.length === 0) return [];
  const changedOps = new Set(changed.map((c) => c.op));
  const hunkOps = new Map(hunks.map((h) => [h, new Set([...hunkOperations(h, asyncMethods)].filter((o) => changedOps.has(o)))]));
  return changed.map(({ op, baseText, diffText }) => {
    const own = hunks.filter((h) => hunkOps.get(h)!.size === 1 && hunkOps.get(h)!.has(op));
    const shared = hunks.filter((h) => hunkOps.get(h)!.size > 1 && hunkOps.get(h)!.has(op));
    for (const h of [...own, ...shared]) attributed.add(h);
    const ownBytes = own.reduce((s, h) => s + h.deltaBytes, 0);
    let text = `context operation ${op.managedName} (${op.use}) ${baseText} in base, ${diffText} in diff: ${bytesText(ownBytes)}`;
    const sharedBytes = shared.reduce((s, h) => s + h.deltaBytes, 0);
    if (sharedBytes !== 0) {
      const others = new Set<string>();
      for (const h of shared) for (const o of hunkOps.get(h)!) if (o !== op) others.add(o.managedName);
      text += `, and ${bytesText(sharedBytes)} shared with ${[...others].join(', ')}`;
    }
    return { kind: 'async context operation', text, operation: op.managedName, byteDelta: ownBytes };
  });
}

/** Whether an explained async operation already accounts for this relocation change. */
function isExplainedAsyncChange(change: RelocationTargetChange, input: ExplainInput, explained: ReadonlySet<string>): boolean {
  const { placed, asyncMethods } = input;
  const find = (relocs: readonly PlacedRelocation[]): PlacedRelocation | undefined =>
    relocs.find((r) => r.relocation.block === change.block && r.relocation.offset === change.offset);
  const a = find(placed.base.relocations);
  const b = find(placed.diff.relocations);
  // Only a change from one binding of an operation to another is told by the operation's explanation.
  return ASYNC_CONTEXT_CALLS.some((op) => explained.has(op.managedName)
    && a !== undefined && relocationUse(a, op, asyncMethods) !== undefined
    && b !== undefined && relocationUse(b, op, asyncMethods) !== undefined);
}

/** Inlining differences the async explanations do not already tell. */
function inliningExplanations(input: ExplainInput, explained: ReadonlySet<string>): Explanation[] {
  const base = input.placed.base.result;
  const diff = input.placed.diff.result;
  if (base.inlinees === undefined && diff.inlinees === undefined) return [];
  const told = ASYNC_CONTEXT_CALLS.filter((op) => explained.has(op.managedName));
  const count = (r: CompileSuccess): Map<string, number> => {
    const m = new Map<string, number>();
    for (const s of r.inlinees ?? []) {
      if (told.some((op) => inlineeUse(s, op, input.asyncMethods))) continue;
      const name = s.name ?? `method 0x${s.method.toString(16)}`;
      m.set(name, (m.get(name) ?? 0) + 1);
    }
    return m;
  };
  const a = count(base);
  const b = count(diff);
  const out: Explanation[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name) ?? 0;
    const y = b.get(name) ?? 0;
    if (x === y) continue;
    out.push({ kind: 'inlining', text: `${name} inlined at ${x} ${plural('site', x)} in base, ${y} in diff` });
  }
  return out;
}

export function explain(input: ExplainInput): Explanation[] {
  const { placed, nearDiff, mode } = input;
  if (nearDiff.identical) return [];
  const hunks = splitPairedHunks(instructionHunks(instructionLines(placed.base, mode), instructionLines(placed.diff, mode)), input.asyncMethods);
  const attributed = new Set<Hunk>();
  const out = asyncExplanations(input, hunks, attributed);
  const asyncOps = new Set(out.map((e) => e.operation!));

  const changes = nearDiff.differences.flatMap((d) => d.targetChanges ?? []);
  for (const change of changes) {
    if (isExplainedAsyncChange(change, input, asyncOps)) continue;
    out.push({ kind: 'relocation target', text: formatTargetChange(change), byteDelta: 0 });
  }
  out.push(...inliningExplanations(input, asyncOps));

  const rest = hunks.filter((h) => !attributed.has(h));
  if (rest.length > 0 && nearDiff.classes.includes('code')) {
    const bytes = rest.reduce((s, h) => s + h.deltaBytes, 0);
    const lead = out.length > 0 ? 'other code changes' : 'code differs';
    out.push({ kind: 'other code', text: `${lead} in ${rest.length} ${plural('place', rest.length)}: ${bytesText(bytes)}`, byteDelta: bytes });
  }

  const moved = nearDiff.differences.filter((d) => d.offsetsOnly === true).map((d) => d.class);
  if (moved.length > 0) {
    out.push({ kind: 'moved with the code', text: `${moved.join(', ')}: only native offsets moved with the code` });
  }
  return out;
}
