/**
 * Finding a JIT by name or path, the way SuperPMI loads any JIT library: a
 * built-in name (`base`, `diff`) or the path of a JavaScript module that
 * exports a JitModule (as its default export, as `jit`, or as the module
 * itself).
 */

import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isJitModule, type JitModule } from '../jitee/index.js';
import { InputError } from '../util/errors.js';
import { baseJit, diffJit } from './model-jit.js';

export const BUILTIN_JITS: Readonly<Record<string, JitModule>> = Object.freeze({ base: baseJit, diff: diffJit });

export const BUILTIN_JIT_NAMES: readonly string[] = Object.keys(BUILTIN_JITS);

function looksLikePath(spec: string): boolean {
  return spec.includes('/') || spec.includes('\\') || /\.[cm]?js$/.test(spec);
}

/** The JIT named or located by `spec`; InputError when there is none. */
export async function loadJit(spec: string): Promise<JitModule> {
  const builtin = BUILTIN_JITS[spec];
  if (builtin !== undefined) return builtin;
  if (!looksLikePath(spec)) {
    throw new InputError(`unknown JIT '${spec}': use ${BUILTIN_JIT_NAMES.join(' or ')}, or the path of a JavaScript module exporting a JIT`);
  }
  const path = resolve(spec);
  if (!existsSync(path)) throw new InputError(`JIT module ${spec} does not exist`);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new InputError(`cannot load JIT module ${spec}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const candidate of [loaded['default'], loaded['jit'], loaded]) {
    if (isJitModule(candidate)) return candidate;
  }
  throw new InputError(`${spec} does not export a JIT (an object with name, interfaceVersion 'base' or 'diff', and compileMethod)`);
}

/**
 * The spec a worker thread should load: built-in names as they are, paths made
 * absolute, so the worker does not depend on how it resolves relative names.
 */
export function absoluteJitSpec(spec: string): string {
  const isBuiltinName = !spec.includes('/') && !spec.includes('\\') && !/\.[cm]?js$/.test(spec);
  return isBuiltinName || isAbsolute(spec) ? spec : resolve(spec);
}
