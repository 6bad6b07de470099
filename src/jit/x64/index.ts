export {
  X64Emitter, type Label, type AluOperation, type ScalarSseOperation, type ShiftOperation, type UnaryOperation,
} from './emitter.js';
export { X64EncodingError, Rel32OutOfRangeError, type EmitResult } from './assemble.js';
export {
  imm, ptr, indexed, bytePtr, wordPtr, dwordPtr, qwordPtr, xmmwordPtr, ripRelative,
  type Memory, type BaseIndexMemory, type RipRelativeMemory, type Immediate, type AccessSize,
} from './operands.js';
export {
  Register, gpr, gprByNumber, gprSize, xmmByNumber, isGpr, isXmm, registerNumber, registerName,
  type OperandSize, type VectorSize,
} from './registers.js';
export { CONDITIONS, negateCondition, type Condition } from './codes.js';
export { WIN64, argumentLocation, outgoingArgumentBytes, isCalleeSaved, type ArgumentLocation } from './calling-convention.js';
export {
  applyRelocations, isRel32Reachable, readRelocationField, relocationFieldValue,
  type Relocation, type RelocationKind,
} from './relocations.js';
export {
  PAGE_SIZE, planFrame, emitProlog, emitEpilog, incomingArgumentRbpOffset,
  type FrameRequest, type FrameLayout, type EmittedProlog, type PrologStep, type EpilogOptions,
} from './frame.js';
export {
  UNWIND_OPERATIONS, buildUnwindInfo, parseUnwindInfo, serializeUnwindInfo,
  type UnwindCode, type UnwindInfo, type UnwindOperation,
} from './unwind.js';
export {
  disassemble, forEachInstruction, symbolsFromRelocations,
  type DisassembledInstruction, type DisassembleOptions,
} from './disassemble.js';
export { RyuJitFormatter, formatImmediate, type OperandSite, type SymbolResolver, type FormattedInstruction } from './ryujit-format.js';
export { formatListing, DEFAULT_HEADER_COMMENTS, LISTING_SEPARATOR, type ListingInput } from './listing.js';
export { decodedPerfScore, formatPerfScore } from './perf-score.js';
