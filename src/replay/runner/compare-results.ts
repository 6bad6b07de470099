/**
 * Whether a replayed compile reproduces the one recorded live: the parts a
 * JIT hands the runtime, compared one by one so a difference can be named.
 * Unlike SuperPMI's near differ this is an identity check (replay of the
 * same JIT must give the same bytes), so unwind info and the block addresses
 * are compared too and relocations are not applied first.
 */

import { plainDataEqual } from '../../agnostic/plain-equal.js';
import type { CompileResult, CompileSuccess } from '../../jitee/compile-result.js';

/** The named parts of a successful result. */
const PARTS: readonly (readonly [name: string, get: (r: CompileSuccess) => unknown])[] = [
  ['code', (r) => r.code],
  ['cold code', (r) => r.coldCode],
  ['read-only data', (r) => r.roData],
  ['code blocks', (r) => r.blocks],
  ['relocations', (r) => r.relocations],
  ['EH clauses', (r) => r.ehClauses],
  ['GC info', (r) => r.gcInfo],
  ['debug info (boundaries)', (r) => r.boundaries],
  ['debug info (variables)', (r) => r.vars],
  ['unwind info', (r) => r.unwindInfo],
];

/** The parts in which `replayed` differs from `recorded`; empty when they are identical. */
export function compileResultDifferences(recorded: CompileResult, replayed: CompileResult): string[] {
  if (recorded.ok && replayed.ok) {
    return PARTS.filter(([, get]) => !plainDataEqual(get(recorded), get(replayed))).map(([name]) => name);
  }
  if (!recorded.ok && !replayed.ok) {
    const differences: string[] = [];
    if (recorded.result !== replayed.result) differences.push('result code');
    if (recorded.message !== replayed.message) differences.push('failure message');
    return differences;
  }
  return [recorded.ok ? 'result (recorded ok, replay failed)' : 'result (recorded failed, replay ok)'];
}
