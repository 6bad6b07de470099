/**
 * The model JIT: importer (IL → IR), IR passes, x64 code generation, and the
 * registry of JIT builds. See README.md.
 */

export { baseJit, diffJit, createModelJit } from './model-jit.js';
export { BUILTIN_JITS, BUILTIN_JIT_NAMES, loadJit } from './registry.js';
export { compileWithPasses, type IrPass, type PassContext } from './compile/compile-method.js';
export { formatCompileListing, relocationSymbols } from './listing.js';
export { parseJitOptions, writeJitOutput, type ParsedJitOptions } from './options.js';
export { parseMethodGlob, type MethodGlob } from './glob.js';
export { importMethod, type ImportResult } from './importer/import-method.js';
export { dumpMethod, formatOp } from './ir/dump.js';
export type { IrMethod, IrBlock, IrVar, IrEHClause } from './ir/method.js';
export type { IrOp, IrCall, Operand, CallTarget } from './ir/ops.js';
export { JitLimitation, ILFormatError } from './il/il-error.js';
export { jitFlagsForMode } from './compile-flags.js';
export { failureReason } from './failure-reasons.js';
