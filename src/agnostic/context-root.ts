/**
 * The root description of a recorded compile: which method, with which
 * flags and CORINFO_METHOD_INFO the JIT was invoked, in which mode, and for
 * which interface versions answers were recorded. Stored through a schema
 * like every answer.
 */

import { type CORJIT_FLAGS, formatJitFlags } from '../jitee/jit-flags.js';
import type { CORINFO_METHOD_HANDLE } from '../jitee/handles.js';
import type { CORINFO_METHOD_INFO } from '../jitee/structs.js';
import { INTERFACE_VERSION_IDS, type InterfaceVersionId } from '../jitee/version-id.js';
import { t } from './dsl.js';
import type { Schema } from './schema.js';
import { METHOD_INFO } from './struct-schemas.js';

/** How the live EE bound calls while recording (see DESIGN.md: jit or r2r). */
export type RecordingMode = 'jit' | 'r2r';
export const RECORDING_MODES: readonly RecordingMode[] = ['jit', 'r2r'];

export interface ContextRoot {
  readonly method: CORINFO_METHOD_HANDLE;
  /** For display only (dumps, listings, the .mch meta). */
  readonly methodName: string;
  readonly flags: CORJIT_FLAGS;
  /** What compileMethod was given. */
  readonly methodInfo: CORINFO_METHOD_INFO;
  readonly mode: RecordingMode;
  /** Versions whose JITs were recorded (each can replay this context without missing data). */
  readonly interfaceVersions: readonly InterfaceVersionId[];
}

export const CONTEXT_ROOT: Schema<ContextRoot> = t.struct({
  method: t.method,
  methodName: t.str,
  flags: t.printedAs(t.u32, formatJitFlags),
  methodInfo: METHOD_INFO,
  mode: t.oneOf(RECORDING_MODES),
  interfaceVersions: t.array(t.oneOf(INTERFACE_VERSION_IDS)),
});
