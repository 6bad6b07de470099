/**
 * The text form of a MethodContext (`mcs dump`): the root, then every
 * recorded call as `name(arguments) -> answer`, grouped by interface method
 * in table order, then the recorded compile results. Printed entirely
 * through the agnostic table.
 */

import { formatAnswer } from '../agnostic/answers.js';
import { METHOD_INFO } from '../agnostic/struct-schemas.js';
import { entryById } from '../agnostic/table.js';
import { formatHandle } from '../jitee/handles.js';
import type { CompileResult } from '../jitee/compile-result.js';
import { formatJitFlags } from '../jitee/jit-flags.js';
import type { MethodContext } from './method-context.js';

function describeResult(result: CompileResult): string {
  if (!result.ok) return `failed (0x${(result.result >>> 0).toString(16)}): ${result.message}`;
  return (
    `ok, ${result.code.length} bytes hot code, ${result.coldCode.length} cold, ${result.roData.length} rodata, ` +
    `${result.relocations.length} relocations, ${result.ehClauses.length} EH clauses, ` +
    `hot block ${formatHandle(result.blocks.hotCodeBlock)}`
  );
}

export function dumpMethodContext(mc: MethodContext): string[] {
  const lines: string[] = [];
  const root = mc.root;
  if (root === undefined) {
    lines.push('root: (none)');
  } else {
    lines.push(`method ${formatHandle(root.method)} ${root.methodName}`);
    lines.push(`hash ${mc.methodHash()}`);
    lines.push(`mode ${root.mode}, interface versions ${root.interfaceVersions.join(', ') || '(none)'}`);
    lines.push(`flags ${formatJitFlags(root.flags)}`);
    lines.push(`method info ${METHOD_INFO.print(root.methodInfo)}`);
  }
  for (const stat of mc.callStats()) {
    const entry = entryById(stat.packetId);
    const errors = stat.errors > 0 ? `, ${stat.errors} EE errors` : '';
    lines.push(`${stat.method} [packet ${stat.packetId}, ${stat.records} records${errors}]`);
    for (const [key, answer] of mc.packet(stat.packetId) ?? []) {
      const args = entry === undefined ? key : entry.printKey(key);
      lines.push(`  ${stat.method}(${args}) -> ${formatAnswer(entry, answer)}`);
    }
  }
  for (const [version, result] of mc.results) lines.push(`result ${version}: ${describeResult(result)}`);
  return lines;
}
