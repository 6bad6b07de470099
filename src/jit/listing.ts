/**
 * The .dasm listing of a compile result, in the RyuJIT / jit-analyze layout
 * (x64/listing.ts), with calls and handles named by the relocations'
 * annotations: `call     CORINFO_HELP_NEWSFAST`,
 * `call     [System.Console:WriteLine]`.
 */

import { CORINFO_EH_CLAUSE_FLAGS, MappingTypes, type CompileSuccess } from '../jitee/index.js';
import { formatListing, type SymbolResolver } from './x64/index.js';

export function relocationSymbols(result: CompileSuccess): SymbolResolver {
  const byField = new Map<number, string>();
  for (const r of result.relocations) if (r.block === 'hot' && r.annotation !== undefined) byField.set(r.offset, r.annotation);
  return (site) => (site.fieldOffset === undefined ? undefined : byField.get(site.fieldOffset));
}

/** `methodHash` names the instruction groups (getMethodHash of the method). */
export function formatCompileListing(result: CompileSuccess, methodHash: number): string {
  // Groups start where the IL-to-native map puts an epilog and at every EH boundary, besides branch targets.
  const starts = result.boundaries.filter((b) => b.ilOffset === MappingTypes.EPILOG).map((b) => b.nativeOffset);
  for (const c of result.ehClauses) {
    starts.push(c.tryOffset, c.tryOffset + c.tryLength, c.handlerOffset, c.handlerOffset + c.handlerLength);
    if ((c.flags & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER) !== 0) starts.push(c.classTokenOrFilterOffset);
  }
  return formatListing({
    methodName: `${result.methodName ?? `method 0x${result.method.toString(16)}`} (Tier0)`,
    code: result.code,
    codeAddress: result.blocks.hotCodeBlock,
    prologSize: result.metrics.prologSize,
    methodHash,
    groupStarts: starts,
    allocatedBytes: result.metrics.allocatedCodeBytes,
    symbols: relocationSymbols(result),
  });
}
