/**
 * The IR of one method: variables, basic blocks in layout order and EH
 * clauses over block ranges.
 *
 * Passes between the importer and code generation (the inliner, the
 * runtime-async transformation) work on this structure: they add variables
 * (newVar), add blocks (newBlock + insert into `layout`), split a block after
 * a call (splitBlock), and add EH clauses (addClause; a clause wrapping the
 * whole body goes last, as the outermost).
 */

import type { CORINFO_CLASS_HANDLE, CORINFO_METHOD_HANDLE, CORINFO_SIG_INFO, InlinedCallSite } from '../../jitee/index.js';
import type { IntOperand, IrOp, Operand, VarOperand } from './ops.js';
import { isTerminator, successorsOf } from './ops.js';
import { T, type IrType } from './types.js';

export type VarRole =
  /** An IL argument (this included). */
  | 'arg'
  /** An IL local. */
  | 'local'
  /** An evaluation-stack slot or a temporary the JIT made. */
  | 'temp'
  /** A hidden argument: return buffer or generic context. */
  | 'hidden';

export type HiddenArg = 'returnBuffer' | 'genericContext';

export interface IrVar {
  readonly id: number;
  readonly role: VarRole;
  /** IL argument or local number; -1 for temps and hidden arguments. */
  readonly ilIndex: number;
  readonly type: IrType;
  readonly hidden?: HiddenArg;
  /** Incoming arguments: position among the arguments the caller passes (ABI order). */
  abiIndex: number;
  /** Incoming struct argument passed as a pointer to a caller-made copy. */
  passedByReference: boolean;
  /** ldloca/ldarga was applied: the variable must stay in memory and values read from it cannot be deferred. */
  addressTaken: boolean;
  /** A pinned local (reported to the GC as pinned). */
  pinned: boolean;
  /** An evaluation-stack slot: depth it represents (-1 otherwise). */
  readonly stackDepth: number;
}

export interface IrBlock {
  readonly id: number;
  /** IL offset the block starts at, or -1 for blocks the JIT made. */
  readonly ilOffset: number;
  ops: IrOp[];
  /** False for blocks the importer found unreachable (they stay empty). */
  reachable: boolean;
}

export type EHClauseKind = 'catch' | 'filter' | 'finally' | 'fault';

/** An EH clause over block ranges (inclusive, in layout order). */
export interface IrEHClause {
  readonly kind: EHClauseKind;
  tryFirst: number;
  tryLast: number;
  handlerFirst: number;
  handlerLast: number;
  /** Filter clauses: the filter's first block (the filter runs up to handlerFirst). */
  filterFirst: number;
  /** Typed catch: the class token as in the IL (reported back in the native clause). */
  readonly classToken: number;
  readonly catchClass: CORINFO_CLASS_HANDLE;
  /** finally, fault and filter: the frame slot holding the invoker's return address. */
  returnSlot: number;
}

export interface IrMethod {
  readonly handle: CORINFO_METHOD_HANDLE;
  /** `Namespace.Class:Method(args):ret` for listings. */
  readonly name: string;
  readonly vars: IrVar[];
  readonly blocks: IrBlock[];
  /** Block ids in code layout order (the first is the entry). */
  layout: number[];
  readonly clauses: IrEHClause[];
  /** Incoming arguments in ABI order (var ids): this, return buffer, generic context, IL arguments. */
  readonly abiArgs: number[];
  /** The return type (undefined for void); a struct returned through the buffer is still listed here. */
  readonly returnType: IrType | undefined;
  /** Var id of the hidden return buffer argument, or -1. */
  returnBuffer: number;
  /** Var id of the generic context argument, or -1. */
  genericContext: number;
  /** The generic context must be reported to the GC as kept alive. */
  keepGenericContextAlive: boolean;
  /** localsinit: every IL local is zeroed in the prolog. */
  readonly initLocals: boolean;
  /** Some operation moves rsp (localloc): epilogs restore rsp from rbp. */
  usesLocalloc: boolean;
  /** The IL signature of the method. */
  readonly sig: CORINFO_SIG_INFO;
  /** IL code size (for listings and metrics). */
  readonly ilSize: number;
  /** Call sites the inliner replaced by their callee's body (reported in the CompileResult). */
  readonly inlinees: InlinedCallSite[];
}

export function newMethod(init: {
  handle: CORINFO_METHOD_HANDLE; name: string; returnType: IrType | undefined; initLocals: boolean;
  sig: CORINFO_SIG_INFO; ilSize: number;
}): IrMethod {
  return {
    handle: init.handle,
    name: init.name,
    vars: [],
    blocks: [],
    layout: [],
    clauses: [],
    abiArgs: [],
    returnType: init.returnType,
    returnBuffer: -1,
    genericContext: -1,
    keepGenericContextAlive: false,
    initLocals: init.initLocals,
    usesLocalloc: false,
    sig: init.sig,
    ilSize: init.ilSize,
    inlinees: [],
  };
}

export function newVar(
  method: IrMethod,
  role: VarRole,
  type: IrType,
  extra: { ilIndex?: number; hidden?: HiddenArg; stackDepth?: number } = {},
): IrVar {
  const v: IrVar = {
    id: method.vars.length,
    role,
    ilIndex: extra.ilIndex ?? -1,
    type,
    hidden: extra.hidden,
    abiIndex: -1,
    passedByReference: false,
    addressTaken: false,
    pinned: false,
    stackDepth: extra.stackDepth ?? -1,
  };
  method.vars.push(v);
  return v;
}

/** Adds an empty block (not yet in the layout). */
export function newBlock(method: IrMethod, ilOffset = -1): IrBlock {
  const block: IrBlock = { id: method.blocks.length, ilOffset, ops: [], reachable: true };
  method.blocks.push(block);
  return block;
}

/** Places `block` right after `after` in the layout. */
export function insertBlockAfter(method: IrMethod, after: number, block: number): void {
  const at = method.layout.indexOf(after);
  if (at < 0) throw new Error(`block ${after} is not in the layout`);
  method.layout.splice(at + 1, 0, block);
}

/**
 * Splits `block` after operation `index`: the operations after it move to a
 * new block placed right after it in the layout, and `block` jumps there.
 * EH clauses whose ranges end at `block` are extended to the new block.
 */
export function splitBlock(method: IrMethod, block: number, index: number): IrBlock {
  const b = method.blocks[block]!;
  const tail = newBlock(method, -1);
  tail.ops = b.ops.splice(index + 1);
  b.ops.push({ op: 'jump', target: tail.id });
  insertBlockAfter(method, block, tail.id);
  for (const c of method.clauses) {
    if (c.tryLast === block) c.tryLast = tail.id;
    if (c.handlerLast === block) c.handlerLast = tail.id;
  }
  return tail;
}

export function varOperand(method: IrMethod, id: number): VarOperand {
  return { k: 'var', id, type: method.vars[id]!.type };
}

export function i4(value: number): IntOperand {
  return { k: 'int', value: BigInt(value | 0), type: T.i4 };
}

export function i8(value: bigint): IntOperand {
  return { k: 'int', value: BigInt.asIntN(64, value), type: T.i8 };
}

export function nativeInt(value: bigint | number): IntOperand {
  return { k: 'int', value: BigInt.asIntN(64, BigInt(value)), type: T.i };
}

export const NULL_REF: IntOperand = Object.freeze({ k: 'int', value: 0n, type: T.ref });

export function isVar(operand: Operand): operand is VarOperand {
  return operand.k === 'var';
}

/** Successor block ids of a block (from its terminator). */
export function blockSuccessors(block: IrBlock): readonly number[] {
  const last = block.ops[block.ops.length - 1];
  return last === undefined || !isTerminator(last) ? [] : successorsOf(last);
}

/** Position of each block in the layout (block id → index), -1 when not laid out. */
export function layoutIndex(method: IrMethod): Int32Array {
  const index = new Int32Array(method.blocks.length).fill(-1);
  method.layout.forEach((id, i) => { index[id] = i; });
  return index;
}
