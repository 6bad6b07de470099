import { Instruction, MemoryOperand } from 'iced-x86';
import { Code } from './codes.js';
import { Register } from './registers.js';
import type { Memory } from './operands.js';

/**
 * Which iced Instruction.create* factory builds an instruction, and so which
 * fields of its record are meaningful.
 */
export enum Form {
  None,
  Reg,
  RegReg,
  RegImm,
  RegImm64,
  RegMem,
  MemReg,
  Mem,
  MemImm,
  RegRegImm,
  RegMemImm,
  /** Branch to an absolute address. */
  Branch,
  /** Branch to a label of the same method. */
  LabelBranch,
  /** rep movs / rep stos. */
  RepString,
}

/** Where in an instruction a relocated field lives, as iced's ConstantOffsets names it. */
export enum RelocField {
  /** rip-relative displacement. */
  Displacement,
  /** 64-bit immediate of mov r64, imm64. */
  Immediate64,
  /** rel32 of call/jmp to an absolute target. */
  BranchOffset,
}

export interface RelocationRequest<Tag> {
  readonly field: RelocField;
  readonly target: bigint;
  readonly tag: Tag;
}

/**
 * One instruction as the emitter holds it until finalize: plain data, so an
 * abandoned compilation leaves no WebAssembly objects behind.
 */
export interface InstructionRecord<Tag> {
  readonly form: Form;
  readonly code: Code;
  readonly reg1: Register;
  readonly reg2: Register;
  /** 32-bit immediate, already in the signed range iced's createXxxI32 expects. */
  readonly imm: number;
  readonly imm64: bigint;
  readonly mem: Memory<Tag> | undefined;
  /** Absolute branch target (Form.Branch). */
  readonly target: bigint;
  /** Label id (Form.LabelBranch), else -1. */
  readonly label: number;
  readonly reloc: RelocationRequest<Tag> | undefined;
}

export function makeRecord<Tag>(form: Form, code: Code, fields: Partial<InstructionRecord<Tag>> = {}): InstructionRecord<Tag> {
  return {
    form,
    code,
    reg1: fields.reg1 ?? Register.None,
    reg2: fields.reg2 ?? Register.None,
    imm: fields.imm ?? 0,
    imm64: fields.imm64 ?? 0n,
    mem: fields.mem,
    target: fields.target ?? 0n,
    label: fields.label ?? -1,
    reloc: fields.reloc,
  };
}

/**
 * Builds the iced MemoryOperand for a record's memory operand. iced takes
 * ownership of it when it is passed to Instruction.create*, so it is never
 * freed here.
 */
function memoryOperand(mem: Memory<unknown>): MemoryOperand {
  if (mem.kind === 'rip') {
    // In 64-bit mode iced wants the absolute target as a RIP-based displacement.
    return MemoryOperand.createBaseDisplSize(Register.RIP, mem.address, 8);
  }
  // Size 1 asks iced for the shortest displacement; 0 omits it (iced still adds
  // the disp8 that [rbp]/[r13] need). Without a base only disp32 exists.
  const displSize = mem.base === Register.None ? 4 : mem.disp === 0 ? 0 : 1;
  return MemoryOperand.createBaseIndexScaleDisplSize(mem.base, mem.index, mem.scale, BigInt(mem.disp), displSize);
}

/**
 * Creates the iced Instruction for a record. `branchTarget` is the IP a label
 * branch jumps to (the synthetic IP of the label's instruction). The caller
 * frees the result.
 */
export function createInstruction(record: InstructionRecord<unknown>, branchTarget: bigint): Instruction {
  const { code } = record;
  switch (record.form) {
    case Form.None: return Instruction.create(code);
    case Form.Reg: return Instruction.createReg(code, record.reg1);
    case Form.RegReg: return Instruction.createRegReg(code, record.reg1, record.reg2);
    case Form.RegImm: return Instruction.createRegI32(code, record.reg1, record.imm);
    case Form.RegImm64: return Instruction.createRegU64(code, record.reg1, record.imm64);
    case Form.RegMem: return Instruction.createRegMem(code, record.reg1, memoryOperand(record.mem!));
    case Form.MemReg: return Instruction.createMemReg(code, memoryOperand(record.mem!), record.reg1);
    case Form.Mem: return Instruction.createMem(code, memoryOperand(record.mem!));
    case Form.MemImm: return Instruction.createMemI32(code, memoryOperand(record.mem!), record.imm);
    case Form.RegRegImm: return Instruction.createRegRegI32(code, record.reg1, record.reg2, record.imm);
    case Form.RegMemImm: return Instruction.createRegMemI32(code, record.reg1, memoryOperand(record.mem!), record.imm);
    case Form.Branch: return Instruction.createBranch(code, record.target);
    case Form.LabelBranch: return Instruction.createBranch(code, branchTarget);
    case Form.RepString: return createRepString(code);
  }
}

function createRepString(code: Code): Instruction {
  switch (code) {
    case Code.Movsb_m8_m8: return Instruction.createRepMovsb(64);
    case Code.Movsw_m16_m16: return Instruction.createRepMovsw(64);
    case Code.Movsd_m32_m32: return Instruction.createRepMovsd(64);
    case Code.Movsq_m64_m64: return Instruction.createRepMovsq(64);
    case Code.Stosb_m8_AL: return Instruction.createRepStosb(64);
    case Code.Stosw_m16_AX: return Instruction.createRepStosw(64);
    case Code.Stosd_m32_EAX: return Instruction.createRepStosd(64);
    case Code.Stosq_m64_RAX: return Instruction.createRepStosq(64);
    default: throw new Error(`${Code[code]} is not a rep string instruction`);
  }
}
