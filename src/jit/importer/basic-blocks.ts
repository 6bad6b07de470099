/**
 * Basic-block discovery over decoded IL: blocks start at offset 0, at branch
 * and switch targets, after every instruction that ends a block, and at every
 * EH boundary (try start and end, handler start and end, filter start), so
 * each EH region is a whole number of blocks.
 */

import { CORINFO_EH_CLAUSE_FLAGS, type CORINFO_EH_CLAUSE } from '../../jitee/index.js';
import { hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError } from '../il/il-error.js';
import { OP } from '../il/opcodes.js';

export interface ILBlock {
  /** IL offset of the first instruction. */
  readonly start: number;
  /** IL offset just after the last instruction. */
  readonly end: number;
  /** Index of the first instruction in the decoded list. */
  readonly first: number;
  /** Index just after the last instruction. */
  readonly last: number;
}

/** Instructions after which control does not fall through. */
const ENDS_FLOW = new Set<number>([
  OP['br.s']!, OP['br']!, OP['ret']!, OP['throw']!, OP['rethrow']!, OP['leave']!, OP['leave.s']!,
  OP['endfinally']!, OP['endfilter']!, OP['jmp']!,
]);

const CONDITIONAL_BRANCHES = new Set<number>([
  'brfalse.s', 'brtrue.s', 'beq.s', 'bge.s', 'bgt.s', 'ble.s', 'blt.s', 'bne.un.s', 'bge.un.s', 'bgt.un.s', 'ble.un.s', 'blt.un.s',
  'brfalse', 'brtrue', 'beq', 'bge', 'bgt', 'ble', 'blt', 'bne.un', 'bge.un', 'bgt.un', 'ble.un', 'blt.un',
].map((n) => OP[n]!));

const UNCONDITIONAL_BRANCHES = new Set<number>([OP['br.s']!, OP['br']!, OP['leave']!, OP['leave.s']!]);

export function endsFlow(opcode: number): boolean {
  return ENDS_FLOW.has(opcode);
}

export function isConditionalBranch(opcode: number): boolean {
  return CONDITIONAL_BRANCHES.has(opcode);
}

export function isUnconditionalBranch(opcode: number): boolean {
  return UNCONDITIONAL_BRANCHES.has(opcode);
}

export interface BlockMap {
  readonly blocks: readonly ILBlock[];
  /** Block index by IL offset (only at block starts; -1 elsewhere). */
  readonly blockAt: Int32Array;
  /** Instruction index by IL offset (-1 inside an instruction). */
  readonly instructionAt: Int32Array;
}

export function findBasicBlocks(code: readonly ILInstruction[], ilSize: number, clauses: readonly CORINFO_EH_CLAUSE[]): BlockMap {
  const instructionAt = new Int32Array(ilSize + 1).fill(-1);
  code.forEach((ins, i) => { instructionAt[ins.offset] = i; });
  instructionAt[ilSize] = code.length;
  const isStart = new Uint8Array(ilSize + 1);
  const mark = (offset: number, what: string): void => {
    if (offset < 0 || offset > ilSize || instructionAt[offset] === -1) {
      throw new ILFormatError(`${what} IL_${hex4(offset)} is not an instruction boundary`);
    }
    isStart[offset] = 1;
  };
  if (code.length > 0) isStart[0] = 1;
  for (const ins of code) {
    if (ins.targets !== undefined) {
      for (const t of ins.targets) mark(t, 'switch target');
      mark(ins.next, 'switch fall-through');
    } else if (isConditionalBranch(ins.opcode) || isUnconditionalBranch(ins.opcode)) {
      mark(ins.operand, 'branch target');
      mark(ins.next, 'instruction after a branch');
    } else if (ENDS_FLOW.has(ins.opcode)) {
      mark(ins.next, 'instruction after a block end');
    }
  }
  for (const c of clauses) {
    mark(c.tryOffset, 'try start');
    mark(c.tryOffset + c.tryLength, 'try end');
    mark(c.handlerOffset, 'handler start');
    mark(c.handlerOffset + c.handlerLength, 'handler end');
    if ((c.flags & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER) !== 0) mark(c.classTokenOrFilterOffset, 'filter start');
  }
  const blocks: ILBlock[] = [];
  const blockAt = new Int32Array(ilSize + 1).fill(-1);
  let first = 0;
  for (let i = 1; i <= code.length; i++) {
    const offset = i < code.length ? code[i]!.offset : ilSize;
    if (i === code.length || isStart[offset] === 1) {
      const start = code[first]!.offset;
      blockAt[start] = blocks.length;
      blocks.push({ start, end: offset, first, last: i });
      first = i;
    }
  }
  return { blocks, blockAt, instructionAt };
}
