/**
 * Whole-body transformations shared by IR passes: a new entry block, and
 * wrapping the method body in a try region with a finally or fault handler
 * whose returns are merged into one return block after it. Synchronized
 * methods use it (passes/synchronized.ts); the runtime-async transformation
 * (try/fault around the body, merged return restoring the contexts) is the
 * other intended user.
 */

import { newBlock, newVar, varOperand, type IrBlock, type IrMethod } from './method.js';
import type { IrOp } from './ops.js';
import { T, stackTypeOf } from './types.js';

/** Adds a block before the current entry (placed first in the layout) that jumps to it. */
export function addEntryBlock(method: IrMethod): IrBlock {
  const entry = newBlock(method, -1);
  entry.ops.push({ op: 'jump', target: method.layout[0]! });
  method.layout.unshift(entry.id);
  return entry;
}

export interface WrappedBody {
  /** Index of the new EH clause (the outermost, listed last). */
  readonly clause: number;
  /** The handler: it starts with the handler entry; add its code, then end it with endFinally(clause). */
  readonly handler: IrBlock;
  /** The merged return block (after the handler, outside the try): returns `result`. */
  readonly returnBlock: IrBlock;
  /** Variable holding the value to return (-1 for void methods). */
  readonly result: number;
}

/**
 * Wraps every block of the current layout in a try region with a `kind`
 * handler. Each `return` becomes a store of its value into `result`, then
 * (for a finally) a call of the finally, then a jump to the merged return
 * block. Existing clauses stay inside the new one.
 */
export function wrapBodyInTry(method: IrMethod, kind: 'finally' | 'fault'): WrappedBody {
  const tryFirst = method.layout[0]!;
  const tryLast = method.layout[method.layout.length - 1]!;
  const returnType = method.returnType;
  const result = returnType === undefined ? -1 : newVar(method, 'temp', stackTypeOf(returnType)).id;
  const handler = newBlock(method, -1);
  const returnBlock = newBlock(method, -1);
  const clause = method.clauses.length;
  const returnSlot = newVar(method, 'temp', T.i).id;
  for (const id of method.layout) {
    const block = method.blocks[id]!;
    const last = block.ops[block.ops.length - 1];
    if (last === undefined || last.op !== 'return') continue;
    const ops: IrOp[] = [];
    if (last.value !== undefined && result >= 0) ops.push({ op: 'copy', dst: result, src: last.value, type: method.vars[result]!.type });
    if (kind === 'finally') ops.push({ op: 'callFinally', clause });
    ops.push({ op: 'jump', target: returnBlock.id });
    block.ops.splice(block.ops.length - 1, 1, ...ops);
  }
  handler.ops.push({ op: 'handlerEntry', slot: returnSlot });
  returnBlock.ops.push(result >= 0
    ? { op: 'return', value: varOperand(method, result), type: returnType }
    : { op: 'return', value: undefined, type: undefined });
  method.layout.push(handler.id, returnBlock.id);
  method.clauses.push({
    kind, tryFirst, tryLast, handlerFirst: handler.id, handlerLast: handler.id, filterFirst: -1, classToken: 0,
    catchClass: 0n as never, returnSlot,
  });
  return { clause, handler, returnBlock, result };
}
