/**
 * JIT options: `key=value` strings in the style of DOTNET_Jit* settings
 * (`--jitoption K=V`). Keys are case-insensitive and may carry a `DOTNET_`
 * prefix; unknown keys are ignored, as the runtime ignores unknown settings.
 *
 * | option | effect |
 * | --- | --- |
 * | `JitNoInline=1` | never inline (the inliner honours it) |
 * | `JitDisasm=<globs>` | write a .dasm listing of matching methods to the JIT's output |
 * | `JitDisasmSummary=1` | one line per compiled method: name, IL size, code size |
 * | `JitStdOutFile=<path>` | append the JIT's output there instead of stdout |
 * | `JitDumpIR=<globs>` | write the IR of matching methods (after all passes) to the JIT's output |
 */

import { appendFileSync } from 'node:fs';
import type { JitOptions } from '../jitee/index.js';
import { parseMethodGlob, type MethodGlob } from './glob.js';

export interface ParsedJitOptions {
  readonly noInline: boolean;
  readonly disasm: MethodGlob | undefined;
  readonly disasmSummary: boolean;
  readonly dumpIR: MethodGlob | undefined;
  readonly stdOutFile: string | undefined;
}

const EMPTY: ParsedJitOptions = Object.freeze({
  noInline: false, disasm: undefined, disasmSummary: false, dumpIR: undefined, stdOutFile: undefined,
});

const cache = new WeakMap<JitOptions, ParsedJitOptions>();

function isOn(value: string): boolean {
  return value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function parseJitOptions(options: JitOptions): ParsedJitOptions {
  const cached = cache.get(options);
  if (cached !== undefined) return cached;
  const keys = Object.keys(options);
  if (keys.length === 0) return EMPTY;
  let noInline = false;
  let disasm: MethodGlob | undefined;
  let disasmSummary = false;
  let dumpIR: MethodGlob | undefined;
  let stdOutFile: string | undefined;
  for (const key of keys) {
    const value = options[key]!;
    switch (key.toLowerCase().replace(/^dotnet_/, '')) {
      case 'jitnoinline': noInline = isOn(value); break;
      case 'jitdisasm': disasm = value === '' ? undefined : parseMethodGlob(value); break;
      case 'jitdisasmsummary': disasmSummary = isOn(value); break;
      case 'jitdumpir': dumpIR = value === '' ? undefined : parseMethodGlob(value); break;
      case 'jitstdoutfile': stdOutFile = value === '' ? undefined : value; break;
      default: break;
    }
  }
  const parsed = { noInline, disasm, disasmSummary, dumpIR, stdOutFile };
  cache.set(options, parsed);
  return parsed;
}

/** Writes JIT output (listings, summaries, IR dumps) where the options say. */
export function writeJitOutput(options: ParsedJitOptions, text: string): void {
  if (options.stdOutFile !== undefined) appendFileSync(options.stdOutFile, text);
  else process.stdout.write(text);
}
