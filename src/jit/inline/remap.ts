/**
 * Renumbering an inlinee's operations into the caller: its variables and
 * blocks get the caller's new ids, and its calls are attributed to the call
 * site being inlined (debug info is in the caller's IL offsets) and are no
 * longer inline candidates (inlining is one level deep).
 */

import type { CallArg, CallTarget, IrCall, IrOp, Operand } from '../ir/ops.js';

export interface InlineeMapping {
  /** Inlinee variable id → caller variable id. */
  readonly vars: readonly number[];
  /** Inlinee block id → caller block id (-1 for blocks not copied). */
  readonly blocks: readonly number[];
  /** IL offset of the call being inlined, in the caller. */
  readonly callSiteILOffset: number;
}

/** Thrown when the inlinee holds something the splice cannot carry over; the inline is abandoned. */
export class UnmappableInlinee extends Error {}

export function remapOp(op: IrOp, m: InlineeMapping): IrOp {
  const v = (id: number): number => {
    const mapped = m.vars[id];
    if (mapped === undefined) throw new UnmappableInlinee(`variable ${id} has no caller copy`);
    return mapped;
  };
  const o = (operand: Operand): Operand => (operand.k === 'var' ? { ...operand, id: v(operand.id) } : operand);
  const b = (id: number): number => {
    const mapped = m.blocks[id];
    if (mapped === undefined || mapped < 0) throw new UnmappableInlinee(`block ${id} is not copied`);
    return mapped;
  };
  switch (op.op) {
    case 'il': return op;
    case 'copy': return { ...op, dst: v(op.dst), src: o(op.src) };
    case 'binary': return { ...op, dst: v(op.dst), a: o(op.a), b: o(op.b) };
    case 'unary': return { ...op, dst: v(op.dst), src: o(op.src) };
    case 'compare': return { ...op, dst: v(op.dst), a: o(op.a), b: o(op.b) };
    case 'convert': return { ...op, dst: v(op.dst), src: o(op.src) };
    case 'ckfinite': return { ...op, dst: v(op.dst), src: o(op.src) };
    case 'addressOf': return { ...op, dst: v(op.dst), var: v(op.var) };
    case 'load': return { ...op, dst: v(op.dst), addr: o(op.addr) };
    case 'store': return { ...op, addr: o(op.addr), src: o(op.src) };
    case 'nullCheck': return { ...op, src: o(op.src) };
    case 'boundsCheck': return { ...op, array: o(op.array), index: o(op.index) };
    case 'arrayLength': return { ...op, dst: v(op.dst), array: o(op.array) };
    case 'elementAddress': return { ...op, dst: v(op.dst), array: o(op.array), index: o(op.index) };
    case 'offsetAddress': return { ...op, dst: v(op.dst), base: o(op.base) };
    case 'zero': return { ...op, addr: o(op.addr) };
    case 'zeroVar': return { ...op, var: v(op.var) };
    case 'copyStruct': return { ...op, dst: o(op.dst), src: o(op.src) };
    case 'initBlock': return { ...op, addr: o(op.addr), value: o(op.value), size: o(op.size) };
    case 'copyBlock': return { ...op, dst: o(op.dst), src: o(op.src), size: o(op.size) };
    case 'call': return { op: 'call', call: remapCall(op.call, o, v, m.callSiteILOffset) };
    case 'throw': return { op: 'throw', call: remapCall(op.call, o, v, m.callSiteILOffset) };
    case 'runtimeLookup':
      return { ...op, dst: v(op.dst), context: o(op.context), helper: remapTarget(op.helper, o), signature: o(op.signature) };
    case 'jump': return { op: 'jump', target: b(op.target) };
    case 'branch': return { ...op, a: o(op.a), b: op.b === undefined ? undefined : o(op.b), ifTrue: b(op.ifTrue), ifFalse: b(op.ifFalse) };
    case 'switch': return { ...op, value: o(op.value), targets: op.targets.map(b), otherwise: b(op.otherwise) };
    // The splice turns returns into jumps itself; these belong to EH or to the whole method and never reach here.
    case 'return': case 'localloc': case 'catchArg': case 'handlerEntry': case 'callFinally':
    case 'endFinally': case 'endFilter': case 'tailJump':
      throw new UnmappableInlinee(`${op.op} in an inlinee`);
  }
}

function remapCall(call: IrCall, o: (operand: Operand) => Operand, v: (id: number) => number, ilOffset: number): IrCall {
  const args: CallArg[] = call.args.map((a) => ({ ...a, value: o(a.value) }));
  return {
    target: remapTarget(call.target, o),
    args,
    result: call.result === undefined ? undefined : { dst: v(call.result.dst), type: call.result.type },
    site: { ...call.site, ilOffset, inlineCandidate: false },
  };
}

function remapTarget(target: CallTarget, o: (operand: Operand) => Operand): CallTarget {
  switch (target.kind) {
    case 'lookup': case 'vtable': return target;
    case 'stub': return { ...target, cell: o(target.cell) };
    case 'pointer': return { ...target, pointer: o(target.pointer) };
  }
}
