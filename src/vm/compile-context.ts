/**
 * The state of one compile, shared by the query modules: which runtime,
 * which interface version and mode, the method being compiled, and what the
 * compile has accumulated (ReadyToRun imports, inlining decisions, methods
 * the JIT marked as bad inlinees).
 */

import type { CORINFO_METHOD_HANDLE, CorInfoInline, InterfaceVersion } from '../jitee/index.js';
import type { MethodDesc } from './member-desc.js';
import type { R2RImports } from './r2r-imports.js';
import type { Runtime } from './runtime.js';
import type { TypeSystem } from './type-system.js';

/** `jit`: final addresses, as CoreCLR at run time. `r2r`: import cells and fixups, as crossgen2. */
export type CompileMode = 'jit' | 'r2r';

export interface InliningDecision {
  readonly inliner: CORINFO_METHOD_HANDLE;
  readonly inlinee: CORINFO_METHOD_HANDLE;
  readonly result: CorInfoInline;
  readonly reason: string;
  readonly inlinerName: string;
  readonly inlineeName: string;
}

export interface CompileContext {
  readonly rt: Runtime;
  readonly ts: TypeSystem;
  readonly version: InterfaceVersion;
  readonly mode: CompileMode;
  /** The method being compiled. */
  readonly root: MethodDesc;
  readonly imports: R2RImports;
  readonly inliningDecisions: InliningDecision[];
  /** Methods the JIT reported as bad inlinees during this compile. */
  readonly badInlinees: Set<MethodDesc>;
}
