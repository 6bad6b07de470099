/**
 * IR operations. A method is a list of basic blocks (ir/method.ts); a block
 * is a list of operations ending in a terminator. Operations work on
 * operands: frame variables (every IL argument, local and evaluation-stack
 * slot is one) and constants. Everything the importer learned from the EE
 * (call targets, field offsets, handles) is already in the operations; code
 * generation asks the EE only for the entry points of the helpers it calls
 * on its own (throws of checks, write barriers, conversions) and for
 * relocation hints.
 */

import type {
  CORINFO_CONST_LOOKUP, CORINFO_METHOD_HANDLE, CORINFO_SIG_INFO, CorInfoHelpFunc, RelocTargetKind,
} from '../../jitee/index.js';
import type { IrType, StackKind } from './types.js';

/** What an embedded address or handle refers to (for relocations and listings). */
export interface TargetInfo {
  readonly kind: RelocTargetKind;
  /** Method, class or field handle for those kinds. */
  readonly handle?: bigint;
  readonly helper?: CorInfoHelpFunc;
  /** Whether the address is the thing itself or a cell holding it. */
  readonly indirect?: boolean;
  /** Display name: `CORINFO_HELP_NEWSFAST`, `System.String:Concat`, `Program:s_count`. */
  readonly name: string;
}

export interface VarOperand {
  readonly k: 'var';
  readonly id: number;
  /** The variable's type. */
  readonly type: IrType;
}

/** An integer constant of stack kind i4, i8 or i (also the null reference and null byref). */
export interface IntOperand {
  readonly k: 'int';
  readonly value: bigint;
  readonly type: IrType;
}

export interface FloatOperand {
  readonly k: 'float';
  readonly value: number;
  readonly type: IrType;
}

/**
 * A 64-bit address or handle known at compile time (a class handle, a static
 * field's address, a frozen object). Loaded into a register it is a
 * `mov r64, imm64` with a DIR64 relocation; used as the address of a load or
 * store it becomes `[rip+x]` (REL32) when `rel32` says the EE can reach it so.
 */
export interface HandleOperand {
  readonly k: 'handle';
  readonly value: bigint;
  readonly type: IrType;
  readonly info: TargetInfo;
  readonly rel32: boolean;
}

export type Operand = VarOperand | IntOperand | FloatOperand | HandleOperand;

export type BinaryOperator =
  | 'add' | 'sub' | 'mul' | 'div' | 'div.un' | 'rem' | 'rem.un'
  | 'and' | 'or' | 'xor' | 'shl' | 'shr' | 'shr.un'
  | 'add.ovf' | 'add.ovf.un' | 'sub.ovf' | 'sub.ovf.un' | 'mul.ovf' | 'mul.ovf.un';

/**
 * Comparison conditions. `.un` on integers means unsigned; on floats it means
 * "or unordered" (true when either operand is NaN), as in IL.
 */
export type Condition =
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'
  | 'ne.un' | 'lt.un' | 'le.un' | 'gt.un' | 'ge.un'
  /** brtrue / brfalse: one operand compared with zero / null. */
  | 'true' | 'false';

/** Targets of conv.*: the small kinds truncate and re-extend to i4. */
export type ConversionTarget = 'i1' | 'u1' | 'i2' | 'u2' | 'i4' | 'u4' | 'i8' | 'u8' | 'i' | 'u' | 'f4' | 'f8';

/** Write barrier a store needs: none (stack or non-GC data), unchecked (target known in the heap) or checked. */
export type Barrier = 'none' | 'unchecked' | 'checked';

/** How a call or helper is reached. */
export type CallTarget =
  /** Through an EE lookup: IAT_VALUE → call rel32 (or absolute), IAT_PVALUE → call [cell], IAT_PPVALUE → two loads. */
  | { readonly kind: 'lookup'; readonly lookup: CORINFO_CONST_LOOKUP; readonly info: TargetInfo }
  /** Virtual call through the method table of the first argument (`this`). */
  | {
    readonly kind: 'vtable';
    readonly offsetOfIndirection: number;
    readonly offsetAfterIndirection: number;
    readonly isRelative: boolean;
    readonly info: TargetInfo;
  }
  /** Interface dispatch through a stub cell (its address goes in r11). */
  | { readonly kind: 'stub'; readonly cell: Operand; readonly info: TargetInfo }
  /** A code pointer computed at run time (calli, ldvirtftn results, runtime lookups). */
  | { readonly kind: 'pointer'; readonly pointer: Operand; readonly info: TargetInfo };

/** One argument as the ABI sees it: a primitive, a reference, or a ≤8-byte struct passed by value. */
export interface CallArg {
  readonly value: Operand;
  /** The type passed: a primitive, or a struct of 1, 2, 4 or 8 bytes (larger ones are passed by address). */
  readonly type: IrType;
}

/** Facts about a call kept for later passes (inliner, runtime-async transformation) and listings. */
export interface CallSiteInfo {
  /** The callee, when the call is to a known method (not a helper or calli). */
  readonly method?: CORINFO_METHOD_HANDLE;
  readonly sig?: CORINFO_SIG_INFO;
  readonly helper?: CorInfoHelpFunc;
  /** IL offset of the call instruction (-1 for calls the JIT made up). */
  readonly ilOffset: number;
  /** The callee is a runtime-async method (a suspension point inside an async method). */
  readonly isAsyncCall?: boolean;
  /** A later inliner may replace this call by the callee's body. */
  readonly inlineCandidate?: boolean;
  /** The call never returns (throw helpers). */
  readonly noReturn?: boolean;
  /** The IL had a tail. prefix. */
  readonly tailPrefix?: boolean;
}

export interface IrCall {
  readonly target: CallTarget;
  /** ABI order: this, return buffer, generic context, then the IL arguments. */
  readonly args: readonly CallArg[];
  /** Where the returned value goes (a primitive, reference or ≤8-byte struct); undefined for void or return buffers. */
  readonly result: { dst: number; readonly type: IrType } | undefined;
  readonly site: CallSiteInfo;
}

/** Helpers codegen calls on its own (throws of checks, barriers) are looked up in IrMethod.helpers. */

export type IrOp =
  /** Start of IL instruction `offset`; stackEmpty when the evaluation stack is empty there (a statement boundary). */
  | { readonly op: 'il'; readonly offset: number; readonly stackEmpty: boolean }
  /** dst ← src (primitives convert between a variable's storage and its stack kind; structs copy bytes). */
  | { readonly op: 'copy'; dst: number; readonly src: Operand; readonly type: IrType }
  | { readonly op: 'binary'; readonly oper: BinaryOperator; readonly type: StackKind; dst: number; readonly a: Operand; readonly b: Operand }
  | { readonly op: 'unary'; readonly oper: 'neg' | 'not'; readonly type: StackKind; dst: number; readonly src: Operand }
  /** dst (i4) ← a cond b ? 1 : 0. */
  | { readonly op: 'compare'; readonly cond: Condition; readonly type: StackKind; dst: number; readonly a: Operand; readonly b: Operand }
  | {
    readonly op: 'convert'; dst: number; readonly src: Operand; readonly from: StackKind; readonly to: ConversionTarget;
    readonly overflow: boolean; readonly unsignedSource: boolean;
  }
  /** Throws ArithmeticException when src is NaN or infinite; dst ← src. */
  | { readonly op: 'ckfinite'; dst: number; readonly src: Operand; readonly type: StackKind }
  /** dst (byref, or i for pinned or unmanaged use) ← address of variable `var`. */
  | { readonly op: 'addressOf'; dst: number; readonly var: number }
  /** dst ← [addr + offset] of memory type `type` (small integers widen to i4, structs copy). */
  | { readonly op: 'load'; dst: number; readonly addr: Operand; readonly offset: number; readonly type: IrType }
  /** [addr + offset] ← src as memory type `type`. */
  | { readonly op: 'store'; readonly addr: Operand; readonly offset: number; readonly src: Operand; readonly type: IrType; readonly barrier: Barrier }
  /** Faults (→ NullReferenceException) when src is null. */
  | { readonly op: 'nullCheck'; readonly src: Operand }
  /** Throws IndexOutOfRangeException unless index < array length (unsigned). */
  | { readonly op: 'boundsCheck'; readonly array: Operand; readonly index: Operand; readonly lengthOffset: number }
  /** dst (i) ← the array's length. */
  | { readonly op: 'arrayLength'; dst: number; readonly array: Operand; readonly lengthOffset: number }
  /** dst (byref) ← array + dataOffset + index * elementSize (no check). */
  | {
    readonly op: 'elementAddress'; dst: number; readonly array: Operand; readonly index: Operand;
    readonly elementSize: number; readonly dataOffset: number;
  }
  /** dst (byref) ← base + offset (field addresses, byref arithmetic the importer folds). */
  | { readonly op: 'offsetAddress'; dst: number; readonly base: Operand; readonly offset: number }
  /** Zeroes `size` bytes at [addr + offset]. */
  | { readonly op: 'zero'; readonly addr: Operand; readonly offset: number; readonly size: number }
  /** Zeroes a variable (initobj of a local, newobj of a value type). */
  | { readonly op: 'zeroVar'; readonly var: number }
  /** Copies `layout`-typed struct from [src] to [dst] with barriers for its references when `barrier` says so. */
  | { readonly op: 'copyStruct'; readonly dst: Operand; readonly src: Operand; readonly type: IrType; readonly barrier: Barrier }
  /** initblk: memset(addr, value, size). */
  | { readonly op: 'initBlock'; readonly addr: Operand; readonly value: Operand; readonly size: Operand }
  /** cpblk: memcpy(dst, src, size). */
  | { readonly op: 'copyBlock'; readonly dst: Operand; readonly src: Operand; readonly size: Operand }
  | { readonly op: 'call'; readonly call: IrCall }
  /** dst (i) ← rsp-allocated, zeroed block of `size` bytes. */
  | { readonly op: 'localloc'; dst: number; readonly size: Operand }
  /** First operation of a catch or filter: dst ← the exception object the runtime passes. */
  | { readonly op: 'catchArg'; dst: number }
  /** First operation of a finally, fault or filter: saves the return address the invoker pushed into `slot`. */
  | { readonly op: 'handlerEntry'; readonly slot: number }
  /** Runs the finally handler of EH clause `clause` and comes back (part of a leave). */
  | { readonly op: 'callFinally'; readonly clause: number }
  /**
   * dst (i) ← a generic dictionary entry: follows `offsets` from `context`
   * (each step a load); with no offsets, or when `testForNull` finds null,
   * calls `helper(context, signature)` instead.
   */
  | {
    readonly op: 'runtimeLookup'; dst: number; readonly context: Operand; readonly offsets: readonly number[];
    readonly testForNull: boolean; readonly helper: CallTarget; readonly signature: Operand;
  }
  // ---- terminators ----
  | { readonly op: 'jump'; readonly target: number }
  /** Conditional branch on `a cond b` (b undefined for 'true'/'false'). */
  | {
    readonly op: 'branch'; readonly cond: Condition; readonly type: StackKind; readonly a: Operand; readonly b: Operand | undefined;
    readonly ifTrue: number; readonly ifFalse: number;
  }
  /** Jumps to targets[value] when value < targets.length (unsigned), else to `otherwise`. */
  | { readonly op: 'switch'; readonly value: Operand; readonly targets: readonly number[]; readonly otherwise: number }
  | { readonly op: 'return'; readonly value: Operand | undefined; readonly type: IrType | undefined }
  /** A call that does not return (throw, rethrow): the block ends after it. */
  | { readonly op: 'throw'; readonly call: IrCall }
  /** endfinally / endfault: returns to whoever invoked the handler of clause `clause`. */
  | { readonly op: 'endFinally'; readonly clause: number }
  /** endfilter: returns `value` (i4) to the runtime. */
  | { readonly op: 'endFilter'; readonly clause: number; readonly value: Operand }
  /** jmp: tail-jumps to the target with the method's own incoming arguments. */
  | { readonly op: 'tailJump'; readonly target: CallTarget };

export type IrOpKind = IrOp['op'];

const TERMINATORS: ReadonlySet<IrOpKind> = new Set<IrOpKind>([
  'jump', 'branch', 'switch', 'return', 'throw', 'endFinally', 'endFilter', 'tailJump',
]);

export function isTerminator(op: IrOp): boolean {
  return TERMINATORS.has(op.op);
}

/** Block ids control can go to from a terminator (EH flow excluded). */
export function successorsOf(op: IrOp): readonly number[] {
  switch (op.op) {
    case 'jump': return [op.target];
    case 'branch': return op.ifTrue === op.ifFalse ? [op.ifTrue] : [op.ifTrue, op.ifFalse];
    case 'switch': return [...op.targets, op.otherwise];
    default: return [];
  }
}
