/**
 * The contract of a JIT: a module exporting one object with a name, the
 * interface version it was built against and compileMethod. Replay can load
 * any module that satisfies it by path, the way SuperPMI loads any JIT
 * library.
 */

import type { CompileResult } from './compile-result.js';
import type { CORJIT_FLAGS } from './jit-flags.js';
import type { JitInterface } from './jit-interface.js';
import type { CORINFO_METHOD_INFO } from './structs.js';
import { type InterfaceVersionId, isInterfaceVersionId } from './version-id.js';

/** Options given with --jitoption K=V. */
export type JitOptions = Readonly<Record<string, string>>;

export interface JitModule {
  /** e.g. `base`, `diff`. */
  readonly name: string;
  /** The interface version the JIT needs the EE to serve. */
  readonly interfaceVersion: InterfaceVersionId;
  /**
   * Compiles `methodInfo.ftn`. Deterministic: the same answers from the
   * interface give the same result. EEError from the interface becomes a
   * CompileFailure (see failureFromEEError); any other exception propagates.
   */
  compileMethod(
    jitInterface: JitInterface,
    methodInfo: CORINFO_METHOD_INFO,
    flags: CORJIT_FLAGS,
    options: JitOptions,
  ): CompileResult;
}

/** True when `value` has the shape of a JitModule (for modules loaded by path). */
export function isJitModule(value: unknown): value is JitModule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && isInterfaceVersionId(v['interfaceVersion']) && typeof v['compileMethod'] === 'function';
}
