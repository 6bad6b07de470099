/**
 * The importer's working state: the IR under construction, the IL
 * evaluation stack of the block being imported, and the temporaries that
 * hold stack entries.
 *
 * Every stack entry lives in a frame variable. Entry `d` of stack type `t`
 * is always materialised into the same temporary, keyed by (d, t), so two
 * predecessors of a block leave their stacks in the same variables without
 * any merging. Within a block, entries that are plain reads of an IL
 * local or argument (whose address is never taken) or constants stay
 * deferred: operations read them directly, the way RyuJIT's trees read
 * locals, and they are materialised only before the local is stored to and
 * at the end of the block.
 */

import {
  CorJitFlag, hasJitFlag, methodContext, type CORINFO_CONTEXT_HANDLE, type CORINFO_EE_INFO, type CORINFO_EH_CLAUSE,
  type CORINFO_METHOD_INFO, type CORINFO_RESOLVED_TOKEN, type CORJIT_FLAGS, type CorInfoTokenKind, type JitInterface,
} from '../../jitee/index.js';
import { ILFormatError } from '../il/il-error.js';
import type { ILInstruction } from '../il/decode.js';
import { type IrBlock, type IrMethod, newVar, varOperand } from '../ir/method.js';
import type { IrCall, IrOp, Operand, VarOperand } from '../ir/ops.js';
import { type IrType, T, sameType } from '../ir/types.js';
import type { EECache } from './ee-cache.js';

export interface StackEntry {
  /** Stack type: i4, i8, i, f4, f8, ref, byref or a struct type. */
  readonly type: IrType;
  readonly operand: Operand;
}

/** An operation whose result lands in its `dst` at its very end, so a following stloc can retarget it. */
export type RetargetableOp = Extract<IrOp, { dst: number }>;

/** The last result pushed: its operation, the temporary it wrote, and how to make it write elsewhere. */
interface LastResult {
  readonly op: IrOp;
  readonly var: number;
  readonly retarget: (id: number) => void;
}

export class ImportState {
  readonly stack: StackEntry[] = [];
  /** IL argument number → var id. */
  readonly argVars: number[] = [];
  /** IL local number → var id. */
  readonly localVars: number[] = [];
  /** Stack types each block is entered with, once known (block id → types). */
  readonly entryStates: (readonly IrType[] | undefined)[] = [];
  block!: IrBlock;
  /** The instruction being imported. */
  ins!: ILInstruction;
  private readonly stackTemps = new Map<string, number>();
  private readonly scratchPools = new Map<string, number[]>();
  private readonly scratchUsed = new Map<string, number>();
  private lastResult: LastResult | undefined;
  private eeInfoCache: CORINFO_EE_INFO | undefined;

  /** The method's EH clauses in IL offsets, innermost first (as the IL lists them). */
  ilClauses: readonly CORINFO_EH_CLAUSE[] = [];
  /** Compiling for a ReadyToRun image: allocation, casts and static bases go through ReadyToRun helper cells. */
  readonly readyToRun: boolean;
  /** Tokens of this method's IL resolve in this context. */
  readonly tokenContext: CORINFO_CONTEXT_HANDLE;

  constructor(
    readonly jit: JitInterface,
    readonly ee: EECache,
    readonly info: CORINFO_METHOD_INFO,
    readonly method: IrMethod,
    readonly flags: CORJIT_FLAGS,
  ) {
    this.readyToRun = hasJitFlag(flags, CorJitFlag.CORJIT_FLAG_READYTORUN);
    this.tokenContext = methodContext(info.ftn);
  }

  /** Resolves a token of this method's IL. */
  resolveToken(token: number, tokenType: CorInfoTokenKind): CORINFO_RESOLVED_TOKEN {
    return this.jit.resolveToken({ tokenContext: this.tokenContext, tokenScope: this.info.scope, token, tokenType });
  }

  get eeInfo(): CORINFO_EE_INFO {
    this.eeInfoCache ??= this.jit.getEEInfo();
    return this.eeInfoCache;
  }

  // ---- emission -----------------------------------------------------------

  emit(op: IrOp): void {
    this.block.ops.push(op);
    this.lastResult = undefined;
  }

  /** Emits the marker of an IL instruction's start (it does not stop a following stloc from retargeting). */
  emitMarker(offset: number): void {
    this.block.ops.push({ op: 'il', offset, stackEmpty: this.stack.length === 0 });
  }

  /** The last operation of the block that is not an IL marker. */
  private lastOp(): IrOp | undefined {
    const ops = this.block.ops;
    for (let i = ops.length - 1; i >= 0; i--) if (ops[i]!.op !== 'il') return ops[i];
    return undefined;
  }

  /** Emits an operation producing a new stack entry of `type` in the entry's temporary; `make` gets the destination var. */
  emitPush(type: IrType, make: (dst: number) => RetargetableOp): void {
    const dst = this.stackTemp(this.stack.length, type);
    const op = make(dst);
    this.block.ops.push(op);
    this.stack.push({ type, operand: varOperand(this.method, dst) });
    this.lastResult = { op, var: dst, retarget: (id) => { op.dst = id; } };
  }

  /** Emits a call whose result (if any) becomes a new stack entry of `type`. */
  emitCall(call: Omit<IrCall, 'result'>, resultType: IrType | undefined, resultStorage?: IrType): void {
    if (resultType === undefined) {
      this.emit({ op: 'call', call: { ...call, result: undefined } });
      return;
    }
    const dst = this.stackTemp(this.stack.length, resultType);
    const result = { dst, type: resultStorage ?? resultType };
    const op: IrOp = { op: 'call', call: { ...call, result } };
    this.block.ops.push(op);
    this.stack.push({ type: resultType, operand: varOperand(this.method, dst) });
    this.lastResult = { op, var: dst, retarget: (id) => { result.dst = id; } };
  }

  /** Starts a new IL instruction: scratch temporaries of the previous one are free again. */
  beginInstruction(ins: ILInstruction): void {
    this.ins = ins;
    this.scratchUsed.clear();
  }

  // ---- the stack ----------------------------------------------------------

  push(type: IrType, operand: Operand): void {
    this.stack.push({ type, operand });
  }

  pop(): StackEntry {
    const entry = this.stack.pop();
    if (entry === undefined) throw new ILFormatError(`IL_${hex(this.ins.offset)}: stack underflow`);
    return entry;
  }

  /** Pops `n` entries and returns them bottom first. */
  popN(n: number): StackEntry[] {
    if (this.stack.length < n) throw new ILFormatError(`IL_${hex(this.ins.offset)}: stack underflow`);
    return this.stack.splice(this.stack.length - n, n);
  }

  peek(): StackEntry {
    const entry = this.stack[this.stack.length - 1];
    if (entry === undefined) throw new ILFormatError(`IL_${hex(this.ins.offset)}: stack underflow`);
    return entry;
  }

  /** The temporary holding stack entry `depth` of stack type `type`. */
  stackTemp(depth: number, type: IrType): number {
    const key = type.kind === 'struct' ? `${depth}:s${type.layout!.cls}` : `${depth}:${type.kind}`;
    let id = this.stackTemps.get(key);
    if (id === undefined) {
      id = newVar(this.method, 'temp', type, { stackDepth: depth }).id;
      this.stackTemps.set(key, id);
    }
    return id;
  }

  /**
   * A temporary for use within the current IL instruction only (the address
   * of a struct argument, a helper's result before it is pushed). Reused by
   * later instructions.
   */
  scratch(type: IrType): number {
    const key = type.kind === 'struct' ? `s${type.layout!.cls}` : type.kind;
    const used = this.scratchUsed.get(key) ?? 0;
    let pool = this.scratchPools.get(key);
    if (pool === undefined) {
      pool = [];
      this.scratchPools.set(key, pool);
    }
    if (used === pool.length) pool.push(newVar(this.method, 'temp', type).id);
    this.scratchUsed.set(key, used + 1);
    return pool[used]!;
  }

  /**
   * Pushes a value computed within this instruction (possibly in a scratch
   * temporary) as a new stack entry. When the last operation computed it, that
   * operation writes the entry's temporary directly.
   */
  pushValue(type: IrType, operand: Operand): void {
    if (operand.k !== 'var' || this.method.vars[operand.id]!.role !== 'temp' || this.method.vars[operand.id]!.stackDepth >= 0) {
      this.push(type, operand);
      return;
    }
    const producer = this.lastOp();
    const dst = this.stackTemp(this.stack.length, type);
    if (producer !== undefined && sameType(this.method.vars[operand.id]!.type, type)) {
      if (producer.op === 'call' && producer.call.result?.dst === operand.id) {
        const result = producer.call.result;
        result.dst = dst;
        this.stack.push({ type, operand: varOperand(this.method, dst) });
        this.lastResult = { op: producer, var: dst, retarget: (id) => { result.dst = id; } };
        return;
      }
      if ('dst' in producer && producer.dst === operand.id) {
        const op = producer as RetargetableOp;
        op.dst = dst;
        this.stack.push({ type, operand: varOperand(this.method, dst) });
        this.lastResult = { op, var: dst, retarget: (id) => { op.dst = id; } };
        return;
      }
    }
    this.emitPush(type, (d) => ({ op: 'copy', dst: d, src: operand, type }));
  }

  /** Pushes the exception object a catch or filter starts with (stloc can retarget it). */
  pushCatchArg(): void {
    const dst = this.stackTemp(0, T.ref);
    const op: RetargetableOp = { op: 'catchArg', dst };
    this.block.ops.push(op);
    this.stack.length = 0;
    this.stack.push({ type: T.ref, operand: varOperand(this.method, dst) });
    this.lastResult = { op, var: dst, retarget: (id) => { op.dst = id; } };
  }

  /** Copies `operand` into a scratch temporary of `type` unless it already is a variable. */
  inVar(operand: Operand, type: IrType): VarOperand {
    if (operand.k === 'var') return operand;
    const id = this.scratch(type);
    this.emit({ op: 'copy', dst: id, src: operand, type });
    return varOperand(this.method, id);
  }

  /** Materialises stack entry `index` into its temporary. */
  materialize(index: number): void {
    const entry = this.stack[index]!;
    const temp = this.stackTemp(index, entry.type);
    if (entry.operand.k === 'var' && entry.operand.id === temp) return;
    this.emit({ op: 'copy', dst: temp, src: entry.operand, type: entry.type });
    this.stack[index] = { type: entry.type, operand: varOperand(this.method, temp) };
  }

  /** Materialises every deferred entry (at the end of a block, before leaving the stack to successors). */
  materializeAll(): void {
    for (let i = 0; i < this.stack.length; i++) this.materialize(i);
  }

  /** Materialises entries that still read variable `id`, before `id` is written. */
  spillReadsOf(id: number): void {
    for (let i = 0; i < this.stack.length; i++) {
      const operand = this.stack[i]!.operand;
      if (operand.k === 'var' && operand.id === id && this.method.vars[id]!.role !== 'temp') this.materialize(i);
    }
  }

  /**
   * Stores the top of the stack into IL local or argument `id` (stloc/starg).
   * When the value was just computed into its stack temporary by the last
   * operation, that operation writes the local directly instead.
   */
  storeToVar(id: number): void {
    const entry = this.pop();
    const target = this.method.vars[id]!;
    const last = this.lastResult;
    if (
      last !== undefined && entry.operand.k === 'var' && entry.operand.id === last.var
      && this.lastOp() === last.op && retargetCompatible(entry.type, target.type)
      && !this.stack.some((e) => e.operand.k === 'var' && e.operand.id === id)
    ) {
      last.retarget(id);
      this.lastResult = undefined;
      return;
    }
    this.spillReadsOf(id);
    this.emit({ op: 'copy', dst: id, src: entry.operand, type: entry.type });
  }

  /** Reads IL local or argument `id`: deferred unless its address is taken. */
  loadVar(id: number, stackType: IrType): void {
    const v = this.method.vars[id]!;
    if (v.addressTaken) {
      this.emitPush(stackType, (dst) => ({ op: 'copy', dst, src: varOperand(this.method, id), type: stackType }));
    } else {
      this.push(stackType, varOperand(this.method, id));
    }
  }

  /** Replaces the stack with the given entry types in their temporaries (block entry). */
  resetStack(types: readonly IrType[]): void {
    this.stack.length = 0;
    types.forEach((type, depth) => this.push(type, varOperand(this.method, this.stackTemp(depth, type))));
    this.lastResult = undefined;
  }
}

function retargetCompatible(stackType: IrType, varType: IrType): boolean {
  switch (varType.kind) {
    case 'i1': case 'u1': case 'i2': case 'u2': case 'i4': case 'u4': return stackType.kind === 'i4';
    case 'struct': return sameType(stackType, varType);
    default: return stackType.kind === varType.kind;
  }
}

function hex(offset: number): string {
  return offset.toString(16).toUpperCase().padStart(4, '0');
}

