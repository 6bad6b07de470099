/**
 * One context of an asmdiffs run: replay it with the base JIT and with the
 * diff JIT (each through a ReplayEE of its own interface version over the
 * same MethodContext), near-diff the results, and for a diff produce the row,
 * the explanations and both listings. Never throws for anything a record or
 * a JIT can do wrong: one bad context must not stop a run.
 */

import type { CompileResult, CompileSuccess } from '../jitee/compile-result.js';
import { CorJitResult } from '../jitee/enums.js';
import { enumName } from '../jitee/enum-util.js';
import type { JitModule, JitOptions } from '../jitee/jit-module.js';
import type { CollectionMode } from '../mc/mch-format.js';
import type { McEntry } from '../mc/mch-reader.js';
import { MethodContext } from '../mc/method-context.js';
import { isMissingDataError } from '../replay/missing.js';
import { ReplayEE } from '../replay/replay-ee.js';
import { compileFromContext } from '../replay/runner/replay-context.js';
import type { MethodDiffRow } from './asmdiffs-result.js';
import { asyncMethodHandles, type AsyncMethodHandles } from './async-operations.js';
import { formatDasm, methodHash32 } from './dasm.js';
import { explain } from './explain.js';
import { nearDiffPlaced } from './near-differ.js';
import { placeBoth } from './placement.js';

export type ContextDiffKind = 'identical' | 'diff' | 'failed' | 'missing' | 'corrupt';

/** Plain data: crosses from worker threads by structured clone. */
export interface ContextDiffOutcome {
  readonly index: number;
  readonly kind: ContextDiffKind;
  readonly methodName?: string;
  /** Code bytes, when both JITs compiled the method. */
  readonly baseBytes?: number;
  readonly diffBytes?: number;
  /** What failed or was missing, or what is damaged, in one line. */
  readonly message?: string;
  readonly row?: MethodDiffRow;
  /** Identical code whose relocations name some targets differently (the near differ's notes). */
  readonly notes?: readonly string[];
}

export interface DiffJits {
  readonly base: JitModule;
  readonly diff: JitModule;
  readonly baseOptions: JitOptions;
  readonly diffOptions: JitOptions;
}

export interface ContextDiff {
  readonly outcome: ContextDiffOutcome;
  /** The two .dasm texts, for diffs. */
  readonly dasm?: { readonly base: string; readonly diff: string };
}

type SideOutcome =
  | { readonly kind: 'ok'; readonly result: CompileSuccess }
  | { readonly kind: 'failed' | 'missing'; readonly message: string };

function firstLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.split('\n')[0]!;
}

function compileSide(mc: MethodContext, jit: JitModule, options: JitOptions): SideOutcome {
  let result: CompileResult;
  try {
    result = compileFromContext(mc, jit, options);
  } catch (err) {
    if (isMissingDataError(err)) return { kind: 'missing', message: err.message };
    return { kind: 'failed', message: `the JIT threw ${firstLine(err)}` };
  }
  if (result.ok) return { kind: 'ok', result };
  const code = enumName(CorJitResult, result.result) ?? `0x${(result.result >>> 0).toString(16)}`;
  return { kind: 'failed', message: `${code}: ${result.message}` };
}

/** The AsyncHelpers handles as the base interface serves them, when the context recorded getAsyncInfo. */
function recordedAsyncMethods(mc: MethodContext): AsyncMethodHandles | undefined {
  try {
    return asyncMethodHandles(new ReplayEE(mc, 'base').getAsyncInfo());
  } catch {
    return undefined;
  }
}

export interface DiffContextOptions {
  /** Mode from the collection header, when a context's root does not say. */
  readonly mode: CollectionMode;
  /** The .mch path, named in listing headers. */
  readonly file: string;
}

export function diffContext(entry: McEntry, jits: DiffJits, options: DiffContextOptions): ContextDiff {
  if (entry.kind === 'corrupt') {
    return { outcome: { index: entry.index, kind: 'corrupt', message: `damaged record at offset ${entry.offset}: ${entry.error}: ${entry.detail}` } };
  }
  const index = entry.index;
  let mc: MethodContext;
  try {
    mc = MethodContext.fromData(entry.context);
    mc.requireRoot();
  } catch (err) {
    return { outcome: { index, kind: 'corrupt', message: `record at offset ${entry.offset} is not a method context: ${firstLine(err)}` } };
  }
  const root = mc.requireRoot();
  const methodName = root.methodName;
  const base = compileSide(mc, jits.base, jits.baseOptions);
  const diff = compileSide(mc, jits.diff, jits.diffOptions);
  if (base.kind !== 'ok' || diff.kind !== 'ok') {
    const sides = [['base', base], ['diff', diff]] as const;
    const failed = sides.filter(([, s]) => s.kind === 'failed');
    const kind = failed.length > 0 ? 'failed' : 'missing';
    const message = sides
      .filter(([, s]) => s.kind === kind)
      .map(([name, s]) => `${name}: ${(s as { message: string }).message}`)
      .join('; ');
    return { outcome: { index, kind, methodName, message } };
  }

  const mode = root.mode ?? options.mode;
  const placed = placeBoth(base.result, diff.result);
  const near = nearDiffPlaced(placed, { mode });
  const sizes = { baseBytes: near.baseBytes, diffBytes: near.diffBytes };
  if (near.identical) {
    const notes = near.notes.length > 0 ? { notes: near.notes } : {};
    return { outcome: { index, kind: 'identical', methodName, ...sizes, ...notes } };
  }

  const explanations = explain({ placed, nearDiff: near, mode, asyncMethods: recordedAsyncMethods(mc) });
  const row: MethodDiffRow = {
    context: index,
    method: methodName,
    ...sizes,
    delta: near.deltaBytes,
    classes: near.classes,
    differences: near.differences.map((d) => `${d.class}: ${d.summary}`),
    explanations,
  };
  const hash = methodHash32(mc.methodHash());
  const source = `context ${index} of ${options.file}`;
  const listing = (side: 'base' | 'diff'): string => {
    const jit = jits[side];
    return formatDasm({
      placed: placed[side],
      methodName,
      methodHash: hash,
      jitName: jit.name,
      interfaceVersion: jit.interfaceVersion,
      mode,
      source,
    });
  };
  return { outcome: { index, kind: 'diff', methodName, ...sizes, row }, dasm: { base: listing('base'), diff: listing('diff') } };
}
