/** A readable text form of the IR, for JitDumpIR and tests. */

import type { IrMethod } from './method.js';
import type { CallTarget, IrCall, IrOp, Operand } from './ops.js';
import { typeName } from './types.js';

export function formatOperand(method: IrMethod, operand: Operand): string {
  switch (operand.k) {
    case 'var': return varName(method, operand.id);
    case 'int': return `${operand.value}${operand.type.kind === 'i4' ? '' : `:${operand.type.kind}`}`;
    case 'float': return `${operand.value}:${operand.type.kind}`;
    case 'handle': return `[${operand.info.name}]`;
  }
}

export function varName(method: IrMethod, id: number): string {
  const v = method.vars[id];
  if (v === undefined) return `?${id}`;
  switch (v.role) {
    case 'arg': return `arg${v.ilIndex}`;
    case 'local': return `loc${v.ilIndex}`;
    case 'hidden': return v.hidden === 'returnBuffer' ? 'retbuf' : 'genctx';
    case 'temp': return v.stackDepth >= 0 ? `s${v.stackDepth}.${typeName(v.type)}` : `t${id}`;
  }
}

function target(t: CallTarget): string {
  switch (t.kind) {
    case 'lookup': return t.info.name;
    case 'vtable': return `vtable[${t.offsetOfIndirection}][${t.offsetAfterIndirection}] ${t.info.name}`;
    case 'stub': return `stub ${t.info.name}`;
    case 'pointer': return `pointer ${t.info.name}`;
  }
}

function call(method: IrMethod, c: IrCall): string {
  const args = c.args.map((a) => formatOperand(method, a.value)).join(', ');
  const result = c.result === undefined ? '' : `${varName(method, c.result.dst)} = `;
  return `${result}call ${target(c.target)}(${args})`;
}

export function formatOp(method: IrMethod, op: IrOp): string {
  const o = (x: Operand): string => formatOperand(method, x);
  const v = (id: number): string => varName(method, id);
  switch (op.op) {
    case 'il': return `IL_${op.offset.toString(16).padStart(4, '0')}${op.stackEmpty ? '' : ' (stack not empty)'}`;
    case 'copy': return `${v(op.dst)} = ${o(op.src)}`;
    case 'binary': return `${v(op.dst)} = ${op.oper}.${op.type} ${o(op.a)}, ${o(op.b)}`;
    case 'unary': return `${v(op.dst)} = ${op.oper}.${op.type} ${o(op.src)}`;
    case 'compare': return `${v(op.dst)} = c${op.cond}.${op.type} ${o(op.a)}, ${o(op.b)}`;
    case 'convert': return `${v(op.dst)} = conv${op.overflow ? '.ovf' : ''}.${op.to}${op.unsignedSource ? '.un' : ''} ${o(op.src)} (${op.from})`;
    case 'ckfinite': return `${v(op.dst)} = ckfinite ${o(op.src)}`;
    case 'addressOf': return `${v(op.dst)} = &${v(op.var)}`;
    case 'load': return `${v(op.dst)} = load.${typeName(op.type)} [${o(op.addr)}+${op.offset}]`;
    case 'store': return `store.${typeName(op.type)} [${o(op.addr)}+${op.offset}] = ${o(op.src)}${op.barrier === 'none' ? '' : ` (${op.barrier} barrier)`}`;
    case 'nullCheck': return `nullcheck ${o(op.src)}`;
    case 'boundsCheck': return `boundscheck ${o(op.array)}[${o(op.index)}]`;
    case 'arrayLength': return `${v(op.dst)} = length ${o(op.array)}`;
    case 'elementAddress': return `${v(op.dst)} = &${o(op.array)}[${o(op.index)} * ${op.elementSize}]`;
    case 'offsetAddress': return `${v(op.dst)} = ${o(op.base)} + ${op.offset}`;
    case 'zero': return `zero [${o(op.addr)}+${op.offset}], ${op.size}`;
    case 'zeroVar': return `zero ${v(op.var)}`;
    case 'copyStruct': return `copy.${typeName(op.type)} [${o(op.dst)}] = [${o(op.src)}]`;
    case 'initBlock': return `initblk ${o(op.addr)}, ${o(op.value)}, ${o(op.size)}`;
    case 'copyBlock': return `cpblk ${o(op.dst)}, ${o(op.src)}, ${o(op.size)}`;
    case 'call': return call(method, op.call);
    case 'localloc': return `${v(op.dst)} = localloc ${o(op.size)}`;
    case 'catchArg': return `${v(op.dst)} = exception`;
    case 'handlerEntry': return `handler entry (return address in ${v(op.slot)})`;
    case 'callFinally': return `call finally of clause ${op.clause}`;
    case 'runtimeLookup': return `${v(op.dst)} = runtime lookup ${o(op.context)} [${op.offsets.join(', ')}]${op.testForNull ? ' or helper' : ''}`;
    case 'jump': return `jump B${op.target}`;
    case 'branch': return `if ${op.cond}.${op.type} ${o(op.a)}${op.b === undefined ? '' : `, ${o(op.b)}`} then B${op.ifTrue} else B${op.ifFalse}`;
    case 'switch': return `switch ${o(op.value)} [${op.targets.map((t) => `B${t}`).join(', ')}] else B${op.otherwise}`;
    case 'return': return op.value === undefined ? 'return' : `return ${o(op.value)}`;
    case 'throw': return `throw ${call(method, op.call)}`;
    case 'endFinally': return `endfinally ${op.clause}`;
    case 'endFilter': return `endfilter ${op.clause} ${o(op.value)}`;
    case 'tailJump': return `jmp ${target(op.target)}`;
  }
}

export function dumpMethod(method: IrMethod): string {
  const lines: string[] = [`IR of ${method.name}`];
  method.clauses.forEach((c, i) => {
    lines.push(`  clause ${i}: ${c.kind} try B${c.tryFirst}..B${c.tryLast} handler B${c.handlerFirst}..B${c.handlerLast}${c.filterFirst >= 0 ? ` filter B${c.filterFirst}` : ''}`);
  });
  for (const id of method.layout) {
    const block = method.blocks[id]!;
    lines.push(`B${id}${block.ilOffset >= 0 ? ` (IL_${block.ilOffset.toString(16).padStart(4, '0')})` : ''}${block.reachable ? '' : ' unreachable'}:`);
    for (const op of block.ops) lines.push(`    ${formatOp(method, op)}`);
  }
  return lines.join('\n') + '\n';
}
