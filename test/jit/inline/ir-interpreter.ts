/**
 * A small interpreter of the JIT's IR, enough to run the inliner fixture's
 * integer, float and struct code, so a test can check that inlining keeps
 * what a method computes. Every variable lives in one shared memory (as in
 * a Tier0 frame), so byrefs between frames are plain addresses. Calls with
 * a method handle run the callee's imported IR (`calleeIR`).
 */

import type { CORINFO_METHOD_HANDLE } from '../../../src/jitee/index.js';
import type { IrMethod, IrOp, Operand } from '../../../src/jit/index.js';
import { sizeOfType, type IrType } from '../../../src/jit/ir/types.js';

export type Value = bigint | number;

const MEMORY_BYTES = 1 << 16;

export class IrInterpreter {
  private readonly view = new DataView(new ArrayBuffer(MEMORY_BYTES));
  // Address 0 stays unused so that null is never a variable's address.
  private next = 16;

  constructor(private readonly calleeIR: (method: CORINFO_METHOD_HANDLE) => IrMethod) {}

  run(method: IrMethod, args: readonly Value[]): Value | undefined {
    const frame = this.allocateFrame(method);
    method.abiArgs.forEach((id, i) => {
      const v = method.vars[id]!;
      if (v.passedByReference) this.copyBytes(frame[id]!, BigInt(args[i]!), sizeOfType(v.type));
      else this.write(frame[id]!, v.type, args[i]!);
    });
    let block = method.layout[0]!;
    for (let steps = 0; steps < 100_000; steps++) {
      const next = this.runBlock(method, frame, block);
      if (typeof next === 'object') return next.value;
      block = next;
    }
    throw new Error('too many steps');
  }

  private allocateFrame(method: IrMethod): bigint[] {
    return method.vars.map((v) => {
      const size = Math.max(8, sizeOfType(v.type));
      const at = this.next;
      this.next += (size + 7) & ~7;
      if (this.next > MEMORY_BYTES) throw new Error('out of memory');
      for (let i = 0; i < size; i++) this.view.setUint8(at + i, 0);
      return BigInt(at);
    });
  }

  private runBlock(method: IrMethod, frame: bigint[], id: number): number | { value: Value | undefined } {
    const get = (o: Operand): Value => {
      switch (o.k) {
        case 'int': return o.value;
        case 'float': return o.value;
        case 'handle': return o.value;
        case 'var': return this.read(frame[o.id]!, method.vars[o.id]!.type);
      }
    };
    const set = (dst: number, value: Value): void => this.write(frame[dst]!, method.vars[dst]!.type, value);
    for (const op of method.blocks[id]!.ops) {
      switch (op.op) {
        case 'il': break;
        case 'copy':
          if (op.type.kind === 'struct') this.copyBytes(frame[op.dst]!, frame[(op.src as { id: number }).id]!, sizeOfType(op.type));
          else set(op.dst, get(op.src));
          break;
        case 'binary': set(op.dst, binary(op.oper, get(op.a), get(op.b), op.type)); break;
        case 'compare': set(op.dst, compare(op.cond, get(op.a), get(op.b)) ? 1n : 0n); break;
        case 'convert': set(op.dst, convert(get(op.src), op.to)); break;
        case 'addressOf': set(op.dst, frame[op.var]!); break;
        case 'offsetAddress': set(op.dst, (get(op.base) as bigint) + BigInt(op.offset)); break;
        case 'zeroVar': this.zero(frame[op.var]!, sizeOfType(method.vars[op.var]!.type)); break;
        case 'nullCheck': if (get(op.src) === 0n) throw new Error('NullReferenceException'); break;
        case 'load': {
          const addr = (get(op.addr) as bigint) + BigInt(op.offset);
          if (op.type.kind === 'struct') this.copyBytes(frame[op.dst]!, addr, sizeOfType(op.type));
          else set(op.dst, this.read(addr, op.type));
          break;
        }
        case 'store': {
          const addr = (get(op.addr) as bigint) + BigInt(op.offset);
          if (op.type.kind === 'struct') this.copyBytes(addr, frame[(op.src as { id: number }).id]!, sizeOfType(op.type));
          else this.write(addr, op.type, get(op.src));
          break;
        }
        case 'call': {
          const callee = op.call.site.method;
          if (callee === undefined) throw new Error('helper calls are not interpreted');
          const result = this.run(this.calleeIR(callee), op.call.args.map((a) => get(a.value)));
          if (op.call.result !== undefined) set(op.call.result.dst, normalise(result!, op.call.result.type));
          break;
        }
        case 'jump': return op.target;
        case 'branch': {
          const taken = op.b === undefined ? (op.cond === 'true') === (get(op.a) !== 0n && get(op.a) !== 0) : compare(op.cond, get(op.a), get(op.b));
          return taken ? op.ifTrue : op.ifFalse;
        }
        case 'return': return { value: this.returnValue(method, frame, op, get) };
        default: throw new Error(`${op.op} is not interpreted`);
      }
    }
    throw new Error(`block ${id} falls off its end`);
  }

  private returnValue(method: IrMethod, frame: bigint[], op: Extract<IrOp, { op: 'return' }>, get: (o: Operand) => Value): Value | undefined {
    if (op.value === undefined || op.type === undefined) return undefined;
    if (method.returnBuffer >= 0) {
      const buffer = this.read(frame[method.returnBuffer]!, method.vars[method.returnBuffer]!.type) as bigint;
      this.copyBytes(buffer, frame[(op.value as { id: number }).id]!, sizeOfType(op.type));
      return buffer;
    }
    return normalise(get(op.value), op.type);
  }

  /** Reads a struct's bytes from memory (for checking results). */
  bytesAt(addr: bigint, size: number): Uint8Array {
    return new Uint8Array(this.view.buffer.slice(Number(addr), Number(addr) + size));
  }

  private read(addr: bigint, type: IrType): Value {
    const a = Number(addr);
    switch (type.kind) {
      case 'i1': return BigInt(this.view.getInt8(a));
      case 'u1': return BigInt(this.view.getUint8(a));
      case 'i2': return BigInt(this.view.getInt16(a, true));
      case 'u2': return BigInt(this.view.getUint16(a, true));
      case 'i4': return BigInt(this.view.getInt32(a, true));
      case 'u4': return BigInt(this.view.getUint32(a, true));
      case 'f4': return this.view.getFloat32(a, true);
      case 'f8': return this.view.getFloat64(a, true);
      default: return this.view.getBigInt64(a, true);
    }
  }

  private write(addr: bigint, type: IrType, value: Value): void {
    const a = Number(addr);
    switch (type.kind) {
      case 'i1': case 'u1': this.view.setUint8(a, Number(BigInt.asUintN(8, value as bigint))); return;
      case 'i2': case 'u2': this.view.setUint16(a, Number(BigInt.asUintN(16, value as bigint)), true); return;
      case 'i4': case 'u4': this.view.setUint32(a, Number(BigInt.asUintN(32, value as bigint)), true); return;
      case 'f4': this.view.setFloat32(a, Number(value), true); return;
      case 'f8': this.view.setFloat64(a, Number(value), true); return;
      default: this.view.setBigInt64(a, BigInt.asIntN(64, value as bigint), true);
    }
  }

  private copyBytes(dst: bigint, src: bigint, size: number): void {
    for (let i = 0; i < size; i++) this.view.setUint8(Number(dst) + i, this.view.getUint8(Number(src) + i));
  }

  private zero(addr: bigint, size: number): void {
    for (let i = 0; i < size; i++) this.view.setUint8(Number(addr) + i, 0);
  }
}

function normalise(value: Value, type: IrType): Value {
  switch (type.kind) {
    case 'i1': return BigInt.asIntN(8, value as bigint);
    case 'u1': return BigInt.asUintN(8, value as bigint);
    case 'i2': return BigInt.asIntN(16, value as bigint);
    case 'u2': return BigInt.asUintN(16, value as bigint);
    default: return value;
  }
}

function binary(oper: string, a: Value, b: Value, type: string): Value {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    const r = oper === 'add' ? x + y : oper === 'sub' ? x - y : oper === 'mul' ? x * y : oper === 'div' ? x / y : NaN;
    return type === 'f4' ? Math.fround(r) : r;
  }
  const bits = type === 'i4' ? 32 : 64;
  const wrap = (v: bigint): bigint => BigInt.asIntN(bits, v);
  switch (oper) {
    case 'add': return wrap(a + b);
    case 'sub': return wrap(a - b);
    case 'mul': return wrap(a * b);
    case 'and': return wrap(a & b);
    case 'or': return wrap(a | b);
    case 'xor': return wrap(a ^ b);
    case 'shl': return wrap(a << b);
    case 'shr': return wrap(a >> b);
    default: throw new Error(`binary ${oper} is not interpreted`);
  }
}

function compare(cond: string, a: Value, b: Value): boolean {
  switch (cond) {
    case 'eq': return a === b;
    case 'ne': case 'ne.un': return a !== b;
    case 'lt': return a < b;
    case 'le': return a <= b;
    case 'gt': return a > b;
    case 'ge': return a >= b;
    default: throw new Error(`condition ${cond} is not interpreted`);
  }
}

function convert(value: Value, to: string): Value {
  if (to === 'f4') return Math.fround(Number(value));
  if (to === 'f8') return Number(value);
  const v = typeof value === 'number' ? BigInt(Math.trunc(value)) : value;
  switch (to) {
    case 'i1': return BigInt.asIntN(8, v);
    case 'u1': return BigInt.asUintN(8, v);
    case 'i2': return BigInt.asIntN(16, v);
    case 'u2': return BigInt.asUintN(16, v);
    case 'i4': return BigInt.asIntN(32, v);
    case 'u4': return BigInt.asIntN(32, BigInt.asUintN(32, v));
    default: return BigInt.asIntN(64, v);
  }
}
