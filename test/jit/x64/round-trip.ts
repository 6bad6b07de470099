import { Instruction, OpKind } from 'iced-x86';
import { Form, type InstructionRecord } from '../../../src/jit/x64/instruction-record.js';
import { forEachInstruction } from '../../../src/jit/x64/disassemble.js';
import { Code } from '../../../src/jit/x64/codes.js';
import type { EmitResult } from '../../../src/jit/x64/index.js';

/** What a decoded instruction looks like, reduced to plain comparable data. */
export interface DecodedShape {
  readonly offset: number;
  readonly length: number;
  readonly code: Code;
  readonly operands: readonly string[];
  readonly nearBranch: bigint | undefined;
  readonly hasRep: boolean;
}

export function decodeShapes(result: EmitResult<unknown>): DecodedShape[] {
  const shapes: DecodedShape[] = [];
  forEachInstruction(result.code, result.codeAddress, (instruction, offset) => {
    const operands: string[] = [];
    for (let op = 0; op < instruction.opCount; op++) operands.push(describeOperand(instruction, op));
    shapes.push({
      offset,
      length: instruction.length,
      code: instruction.code,
      operands,
      nearBranch: instruction.op0Kind === OpKind.NearBranch64 ? instruction.nearBranch64 : undefined,
      hasRep: instruction.hasRepPrefix,
    });
  });
  return shapes;
}

function describeOperand(instruction: Instruction, op: number): string {
  const kind = instruction.opKind(op);
  switch (kind) {
    case OpKind.Register: return `reg:${instruction.opRegister(op)}`;
    case OpKind.Memory:
      if (instruction.isIpRelMemoryOperand) return `rip:${instruction.ipRelMemoryAddress}`;
      return `mem:${instruction.memoryBase}:${instruction.memoryIndex}:${instruction.memoryIndexScale}:${BigInt.asIntN(64, instruction.memoryDisplacement)}`;
    case OpKind.NearBranch64: return `branch`;
    case OpKind.Immediate64: return `imm:${instruction.immediate64}`;
    case OpKind.Immediate8: case OpKind.Immediate8_2nd: return `imm:${BigInt.asIntN(8, instruction.immediate(op))}`;
    case OpKind.Immediate16: case OpKind.Immediate8to16: return `imm:${BigInt.asIntN(16, instruction.immediate(op))}`;
    case OpKind.Immediate32: case OpKind.Immediate8to32: return `imm:${BigInt.asIntN(32, instruction.immediate(op))}`;
    case OpKind.Immediate8to64: case OpKind.Immediate32to64: return `imm:${BigInt.asIntN(64, instruction.immediate(op))}`;
    default: return `kind:${kind}`;
  }
}

/** The operand list a record should decode to, in the same notation as describeOperand. */
export function expectedOperands(record: InstructionRecord<unknown>): string[] {
  const mem = (): string => {
    const m = record.mem!;
    return m.kind === 'rip' ? `rip:${m.address}` : `mem:${m.base}:${m.index}:${m.scale}:${m.disp}`;
  };
  const immText = (): string => `imm:${record.imm}`;
  switch (record.form) {
    case Form.None: return [];
    case Form.Reg: return [`reg:${record.reg1}`];
    case Form.RegReg: return [`reg:${record.reg1}`, `reg:${record.reg2}`];
    case Form.RegImm: return [`reg:${record.reg1}`, immText()];
    case Form.RegImm64: return [`reg:${record.reg1}`, `imm:${record.imm64}`];
    case Form.RegMem: return [`reg:${record.reg1}`, mem()];
    case Form.MemReg: return [mem(), `reg:${record.reg1}`];
    case Form.Mem: return [mem()];
    case Form.MemImm: return [mem(), immText()];
    case Form.RegRegImm: return [`reg:${record.reg1}`, `reg:${record.reg2}`, immText()];
    case Form.RegMemImm: return [`reg:${record.reg1}`, mem(), immText()];
    case Form.Branch: case Form.LabelBranch: return ['branch'];
    case Form.RepString: return ['<implicit>'];
  }
}

/** Short form of a rel32 branch code, which the block encoder may choose instead. */
export function shortBranchCode(code: Code): Code | undefined {
  const name = Code[code];
  if (name === undefined || !name.endsWith('_rel32_64')) return undefined;
  return (Code as unknown as Record<string, Code | undefined>)[name.replace('_rel32_64', '_rel8_64')];
}
