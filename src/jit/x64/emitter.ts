import { assemble, isSyntheticIp, type EmitResult } from './assemble.js';
import {
  ALU, CMOVCC, IMUL, JCC_NEAR, MOV, MOVSX, MOVZX, REP_MOVS, REP_STOS, SCALAR_SSE, SETCC, SHIFT, SSE_MOVE, TEST, UNARY,
  type AluOperation, type ScalarSseOperation, type ShiftOperation, type UnaryOperation,
} from './code-tables.js';
import { Code, type CodesBySize, type Condition } from './codes.js';
import { fitsInSignedByte, signedImmediate, toBigInt } from './immediates.js';
import { Form, RelocField, makeRecord, type InstructionRecord, type RelocationRequest } from './instruction-record.js';
import { ripRelative, type AccessSize, type Immediate, type Memory } from './operands.js';
import { Register, gpr, gprSize, isGpr, isXmm, registerName, type OperandSize } from './registers.js';

/** A position in the instruction stream that branches can target. */
export type Label = number & { readonly __label: unique symbol };

export type { AluOperation, ScalarSseOperation, ShiftOperation, UnaryOperation };

/**
 * Builds one method's x64 code, instruction by instruction, as plain records;
 * `finalize` hands them to iced-x86 (one BlockEncoder run) to get the bytes.
 * Every helper is a thin typed front for an iced Instruction.create* call: the
 * emitter picks the iced code (operand sizes, imm8 vs imm32 forms), never bytes.
 *
 * Operands: registers are iced `Register` values (their size gives the operand
 * size), memory operands come from `ptr`/`indexed`/`ripRelative` and carry
 * their own access size, immediates are wrapped with `imm`.
 *
 * `Tag` is whatever the caller wants to attach to relocations (which helper,
 * which handle, which cell).
 */
export class X64Emitter<Tag = unknown> {
  private readonly records: InstructionRecord<Tag>[] = [];
  private readonly labelPositions: number[] = [];
  private finished = false;

  /** Index the next instruction will get; EmitResult.instructionOffsets maps it to a native offset. */
  get position(): number {
    return this.records.length;
  }

  // ---- labels -------------------------------------------------------------

  newLabel(): Label {
    this.labelPositions.push(-1);
    return (this.labelPositions.length - 1) as Label;
  }

  /** Binds `label` to the next instruction emitted (or to the end of the code if none follows). */
  bindLabel(label: Label): void {
    this.checkLabel(label);
    if (this.labelPositions[label] !== -1) throw new Error(`label ${label} is already bound`);
    this.labelPositions[label] = this.records.length;
  }

  isBound(label: Label): boolean {
    this.checkLabel(label);
    return this.labelPositions[label] !== -1;
  }

  /** jmp to a label; iced picks rel8 or rel32. */
  jmp(label: Label): void {
    this.checkLabel(label);
    this.append(makeRecord(Form.LabelBranch, Code.Jmp_rel32_64, { label }));
  }

  /** jcc to a label; iced picks rel8 or rel32. */
  jcc(cond: Condition, label: Label): void {
    this.checkLabel(label);
    this.append(makeRecord(Form.LabelBranch, JCC_NEAR[cond], { label }));
  }

  /** call rel32 to a label of the same method (a handler invoked like a subroutine); always rel32. */
  callLabel(label: Label): void {
    this.checkLabel(label);
    this.append(makeRecord(Form.LabelBranch, Code.Call_rel32_64, { label }));
  }

  // ---- data movement ------------------------------------------------------

  /** mov between registers, from memory, to memory, or of an immediate (the shortest form that keeps the value). */
  mov(dst: Register, src: Register | Memory<Tag> | Immediate): void;
  mov(dst: Memory<Tag>, src: Register | Immediate): void;
  mov(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void {
    if (typeof dst === 'number') {
      const size = this.gprSize(dst);
      if (typeof src === 'number') this.regReg(MOV.regRm[size], dst, this.sameSize(src, size));
      else if (src.kind === 'imm') this.movImmediate(dst, src.value);
      else this.regMem(MOV.regRm[size], dst, this.sized(src, size));
    } else if (typeof src === 'number') {
      this.memReg(MOV.rmReg[this.gprSize(src)], this.sized(dst, this.gprSize(src)), src);
    } else if (src.kind === 'imm') {
      const size = this.integerAccessSize(dst);
      this.memImm(MOV.rmImm[size], dst, signedImmediate(src.value, size === 8 ? 32 : bitsOf(size), size === 8));
    } else {
      throw new RangeError('mov cannot move memory to memory');
    }
  }

  /**
   * mov r64, imm64 whose immediate is an address or handle: always the 10-byte
   * form, with a DIR64 relocation on the immediate.
   */
  movImm64Handle(dst: Register, value: bigint, tag: Tag): void {
    this.requireGpr(dst, 8);
    const imm64 = BigInt.asUintN(64, value);
    this.append(makeRecord(Form.RegImm64, Code.Mov_r64_imm64, {
      reg1: dst, imm64, reloc: { field: RelocField.Immediate64, target: imm64, tag },
    }));
  }

  movzx(dst: Register, src: Register | Memory<Tag>): void {
    this.extend(MOVZX, 'movzx', dst, src);
  }

  movsx(dst: Register, src: Register | Memory<Tag>): void {
    this.extend(MOVSX, 'movsx', dst, src);
  }

  /** movsxd r64, r/m32. */
  movsxd(dst: Register, src: Register | Memory<Tag>): void {
    this.requireGpr(dst, 8);
    if (typeof src === 'number') this.regReg(Code.Movsxd_r64_rm32, dst, this.requireGpr(src, 4));
    else this.regMem(Code.Movsxd_r64_rm32, dst, this.sized(src, 4));
  }

  /** lea; the access size of `address` is ignored. */
  lea(dst: Register, address: Memory<Tag>): void {
    const size = this.gprSize(dst);
    if (size === 1) throw new RangeError('lea needs a 16-, 32- or 64-bit destination');
    this.regMem(size === 8 ? Code.Lea_r64_m : size === 4 ? Code.Lea_r32_m : Code.Lea_r16_m, dst, address);
  }

  /** lea r64, [rip+rel32] of an absolute address, with a REL32 relocation. */
  leaRipRelative(dst: Register, address: bigint, tag: Tag): void {
    this.requireGpr(dst, 8);
    this.lea(dst, ripRelative(8, address, tag));
  }

  /** Zeroes a register the way compilers do (xor r32, r32, which also clears the upper half). */
  zero(reg: Register): void {
    const r32 = gpr(this.requireGpr(reg), 4);
    this.regReg(ALU.xor.regRm[4], r32, r32);
  }

  push(reg: Register): void {
    this.append(makeRecord(Form.Reg, Code.Push_r64, { reg1: this.requireGpr(reg, 8) }));
  }

  pop(reg: Register): void {
    this.append(makeRecord(Form.Reg, Code.Pop_r64, { reg1: this.requireGpr(reg, 8) }));
  }

  // ---- integer arithmetic -------------------------------------------------

  add(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('add', dst, src); }
  or(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('or', dst, src); }
  adc(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('adc', dst, src); }
  sbb(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('sbb', dst, src); }
  and(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('and', dst, src); }
  sub(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('sub', dst, src); }
  xor(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('xor', dst, src); }
  cmp(dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void { this.alu('cmp', dst, src); }

  /** Two-operand ALU instruction; immediates use the sign-extended imm8 form when they fit. */
  alu(op: AluOperation, dst: Register | Memory<Tag>, src: Register | Memory<Tag> | Immediate): void {
    const codes = ALU[op];
    if (typeof src === 'object' && src.kind === 'imm') {
      const size = typeof dst === 'number' ? this.gprSize(dst) : this.integerAccessSize(dst);
      const value = signedImmediate(src.value, size === 8 ? 32 : bitsOf(size), size === 8);
      const code = size !== 1 && fitsInSignedByte(value) ? codes.rmImm8[size] : codes.rmImm[size];
      if (typeof dst === 'number') this.regImm(code, dst, value);
      else this.memImm(code, dst, value);
    } else if (typeof dst === 'number') {
      const size = this.gprSize(dst);
      if (typeof src === 'number') this.regReg(codes.regRm[size], dst, this.sameSize(src, size));
      else this.regMem(codes.regRm[size], dst, this.sized(src, size));
    } else if (typeof src === 'number') {
      const size = this.gprSize(src);
      this.memReg(codes.rmReg[size], this.sized(dst, size), src);
    } else {
      throw new RangeError(`${op} cannot take two memory operands`);
    }
  }

  test(dst: Register | Memory<Tag>, src: Register | Immediate): void {
    if (typeof src === 'number') {
      const size = this.gprSize(src);
      if (typeof dst === 'number') this.regReg(TEST.rmReg[size], this.sameSize(dst, size), src);
      else this.memReg(TEST.rmReg[size], this.sized(dst, size), src);
      return;
    }
    const size = typeof dst === 'number' ? this.gprSize(dst) : this.integerAccessSize(dst);
    const value = signedImmediate(src.value, size === 8 ? 32 : bitsOf(size), size === 8);
    if (typeof dst === 'number') this.regImm(TEST.rmImm[size], dst, value);
    else this.memImm(TEST.rmImm[size], dst, value);
  }

  /** imul r, r/m (two operands). */
  imul(dst: Register, src: Register | Memory<Tag>): void {
    const size = this.gprSize(dst);
    if (typeof src === 'number') this.regReg(IMUL.regRm[size], dst, this.sameSize(src, size));
    else this.regMem(IMUL.regRm[size], dst, this.sized(src, size));
  }

  /** imul r, r/m, imm (three operands). */
  imul3(dst: Register, src: Register | Memory<Tag>, factor: Immediate): void {
    const size = this.gprSize(dst);
    const value = signedImmediate(factor.value, size === 8 ? 32 : bitsOf(size), size === 8);
    const code = fitsInSignedByte(value) ? IMUL.regRmImm8[size] : IMUL.regRmImm[size];
    if (typeof src === 'number') {
      this.append(makeRecord(Form.RegRegImm, this.known(code, 'imul'), { reg1: dst, reg2: this.sameSize(src, size), imm: value }));
    } else {
      const mem = this.sized(src, size);
      this.append(makeRecord(Form.RegMemImm, this.known(code, 'imul'), { reg1: dst, mem, imm: value, reloc: this.memReloc(mem) }));
    }
  }

  /** One-operand forms: neg, not, inc, dec, and the rdx:rax multiplies and divides. */
  unary(op: UnaryOperation, operand: Register | Memory<Tag>): void {
    if (typeof operand === 'number') this.append(makeRecord(Form.Reg, this.known(UNARY[op][this.gprSize(operand)], op), { reg1: operand }));
    else this.mem(UNARY[op][this.integerAccessSize(operand)], operand);
  }

  neg(operand: Register | Memory<Tag>): void { this.unary('neg', operand); }
  not(operand: Register | Memory<Tag>): void { this.unary('not', operand); }
  inc(operand: Register | Memory<Tag>): void { this.unary('inc', operand); }
  dec(operand: Register | Memory<Tag>): void { this.unary('dec', operand); }
  /** Unsigned rdx:rax = rax * operand (sized). */
  mul(operand: Register | Memory<Tag>): void { this.unary('mul', operand); }
  /** Signed divide of rdx:rax (edx:eax) by the operand. */
  idiv(operand: Register | Memory<Tag>): void { this.unary('idiv', operand); }
  /** Unsigned divide of rdx:rax (edx:eax) by the operand. */
  div(operand: Register | Memory<Tag>): void { this.unary('div', operand); }

  /** Shift or rotate by cl (pass Register.CL) or by an immediate count. */
  shift(op: ShiftOperation, dst: Register | Memory<Tag>, count: Immediate | Register): void {
    const size = typeof dst === 'number' ? this.gprSize(dst) : this.integerAccessSize(dst);
    const codes = SHIFT[op];
    if (typeof count === 'number') {
      if (count !== Register.CL) throw new RangeError(`${op} counts come from cl, not ${registerName(count)}`);
      // iced spells the count register out as the second operand.
      if (typeof dst === 'number') this.regReg(codes.byCl[size], dst, Register.CL);
      else this.memReg(codes.byCl[size], dst, Register.CL);
      return;
    }
    const value = signedImmediate(count.value, 8, false);
    if (typeof dst === 'number') this.regImm(codes.byImm[size], dst, value);
    else this.memImm(codes.byImm[size], dst, value);
  }

  shl(dst: Register | Memory<Tag>, count: Immediate | Register): void { this.shift('shl', dst, count); }
  shr(dst: Register | Memory<Tag>, count: Immediate | Register): void { this.shift('shr', dst, count); }
  sar(dst: Register | Memory<Tag>, count: Immediate | Register): void { this.shift('sar', dst, count); }

  /** Sign-extends eax into edx. */
  cdq(): void { this.append(makeRecord(Form.None, Code.Cdq)); }
  /** Sign-extends rax into rdx. */
  cqo(): void { this.append(makeRecord(Form.None, Code.Cqo)); }
  /** Sign-extends eax into rax. */
  cdqe(): void { this.append(makeRecord(Form.None, Code.Cdqe)); }

  /** setcc r8/m8. */
  setcc(cond: Condition, dst: Register | Memory<Tag>): void {
    if (typeof dst === 'number') this.append(makeRecord(Form.Reg, SETCC[cond], { reg1: this.requireGpr(dst, 1) }));
    else this.mem(SETCC[cond], this.sized(dst, 1));
  }

  cmovcc(cond: Condition, dst: Register, src: Register | Memory<Tag>): void {
    const size = this.gprSize(dst);
    if (size === 1) throw new RangeError('cmov has no 8-bit form');
    const code = CMOVCC[size][cond];
    if (typeof src === 'number') this.regReg(code, dst, this.sameSize(src, size));
    else this.regMem(code, dst, this.sized(src, size));
  }

  // ---- control flow -------------------------------------------------------

  /** call rel32 to an absolute address, with a REL32 relocation on the rel32 field. */
  callDirect(target: bigint, tag: Tag): void {
    this.branchToAddress(Code.Call_rel32_64, target, tag);
  }

  /** jmp rel32 to an absolute address (tail calls), with a REL32 relocation. */
  jmpDirect(target: bigint, tag: Tag): void {
    this.branchToAddress(Code.Jmp_rel32_64, target, tag);
  }

  /** call qword ptr [rip+rel32] through an indirection cell, with a REL32 relocation to the cell. */
  callIndirectCell(cellAddress: bigint, tag: Tag): void {
    this.callIndirect(ripRelative(8, cellAddress, tag));
  }

  /**
   * mov scratch, imm64 (DIR64 relocation) then call scratch: reaches any
   * address. rax is the default scratch because on Windows x64 it is volatile
   * and carries no argument.
   */
  callAbsolute(target: bigint, tag: Tag, scratch: Register = Register.RAX): void {
    this.movImm64Handle(scratch, target, tag);
    this.callIndirect(scratch);
  }

  /** call r64 or call qword ptr [mem]. */
  callIndirect(target: Register | Memory<Tag>): void {
    if (typeof target === 'number') this.append(makeRecord(Form.Reg, Code.Call_rm64, { reg1: this.requireGpr(target, 8) }));
    else this.mem(Code.Call_rm64, this.sized(target, 8));
  }

  /** jmp r64 or jmp qword ptr [mem]. */
  jmpIndirect(target: Register | Memory<Tag>): void {
    if (typeof target === 'number') this.append(makeRecord(Form.Reg, Code.Jmp_rm64, { reg1: this.requireGpr(target, 8) }));
    else this.mem(Code.Jmp_rm64, this.sized(target, 8));
  }

  ret(): void { this.append(makeRecord(Form.None, Code.Retnq)); }
  int3(): void { this.append(makeRecord(Form.None, Code.Int3)); }
  nop(): void { this.append(makeRecord(Form.None, Code.Nopd)); }

  // ---- block copies -------------------------------------------------------

  /** rep movsb/w/d/q: copies rcx elements from [rsi] to [rdi]. */
  repMovs(elementSize: OperandSize = 1): void { this.append(makeRecord(Form.RepString, REP_MOVS[elementSize]!)); }
  /** rep stosb/w/d/q: stores al/ax/eax/rax to rcx elements at [rdi]. */
  repStos(elementSize: OperandSize = 1): void { this.append(makeRecord(Form.RepString, REP_STOS[elementSize]!)); }
  repMovsb(): void { this.repMovs(1); }
  repStosb(): void { this.repStos(1); }

  // ---- SSE2 scalar floating point -----------------------------------------

  movss(dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void { this.sseMove('movss', dst, src); }
  movsd(dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void { this.sseMove('movsd', dst, src); }
  movaps(dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void { this.sseMove('movaps', dst, src); }

  /** movd: 32 bits between a general-purpose register (or memory) and an XMM register. */
  movd(dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void {
    this.gprXmmMove(Code.Movd_xmm_rm32, Code.Movd_rm32_xmm, 4, dst, src);
  }

  /** movq: 64 bits between a general-purpose register (or memory) and an XMM register. */
  movq(dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void {
    this.gprXmmMove(Code.Movq_xmm_rm64, Code.Movq_rm64_xmm, 8, dst, src);
  }

  /** xmm ← xmm/mem scalar operations (arithmetic, conversions between float and double, compares, bitwise). */
  sse(op: ScalarSseOperation, dst: Register, src: Register | Memory<Tag>): void {
    const { code, memorySize } = SCALAR_SSE[op];
    this.requireXmm(dst);
    if (typeof src === 'number') this.regReg(code, dst, this.requireXmm(src));
    else this.regMem(code, dst, this.sized(src, memorySize));
  }

  addss(dst: Register, src: Register | Memory<Tag>): void { this.sse('addss', dst, src); }
  addsd(dst: Register, src: Register | Memory<Tag>): void { this.sse('addsd', dst, src); }
  subss(dst: Register, src: Register | Memory<Tag>): void { this.sse('subss', dst, src); }
  subsd(dst: Register, src: Register | Memory<Tag>): void { this.sse('subsd', dst, src); }
  mulss(dst: Register, src: Register | Memory<Tag>): void { this.sse('mulss', dst, src); }
  mulsd(dst: Register, src: Register | Memory<Tag>): void { this.sse('mulsd', dst, src); }
  divss(dst: Register, src: Register | Memory<Tag>): void { this.sse('divss', dst, src); }
  divsd(dst: Register, src: Register | Memory<Tag>): void { this.sse('divsd', dst, src); }
  sqrtss(dst: Register, src: Register | Memory<Tag>): void { this.sse('sqrtss', dst, src); }
  sqrtsd(dst: Register, src: Register | Memory<Tag>): void { this.sse('sqrtsd', dst, src); }
  cvtss2sd(dst: Register, src: Register | Memory<Tag>): void { this.sse('cvtss2sd', dst, src); }
  cvtsd2ss(dst: Register, src: Register | Memory<Tag>): void { this.sse('cvtsd2ss', dst, src); }
  ucomiss(dst: Register, src: Register | Memory<Tag>): void { this.sse('ucomiss', dst, src); }
  ucomisd(dst: Register, src: Register | Memory<Tag>): void { this.sse('ucomisd', dst, src); }
  xorps(dst: Register, src: Register | Memory<Tag>): void { this.sse('xorps', dst, src); }
  andps(dst: Register, src: Register | Memory<Tag>): void { this.sse('andps', dst, src); }

  /** cvtsi2sd xmm, r/m32 or r/m64 (size from the register or memory operand). */
  cvtsi2sd(dst: Register, src: Register | Memory<Tag>): void {
    this.intToFloat(Code.Cvtsi2sd_xmm_rm32, Code.Cvtsi2sd_xmm_rm64, dst, src);
  }

  cvtsi2ss(dst: Register, src: Register | Memory<Tag>): void {
    this.intToFloat(Code.Cvtsi2ss_xmm_rm32, Code.Cvtsi2ss_xmm_rm64, dst, src);
  }

  /** cvttsd2si r32/r64, xmm/m64 (truncating). */
  cvttsd2si(dst: Register, src: Register | Memory<Tag>): void {
    this.floatToInt(Code.Cvttsd2si_r32_xmmm64, Code.Cvttsd2si_r64_xmmm64, 8, dst, src);
  }

  cvttss2si(dst: Register, src: Register | Memory<Tag>): void {
    this.floatToInt(Code.Cvttss2si_r32_xmmm32, Code.Cvttss2si_r64_xmmm32, 4, dst, src);
  }

  // ---- finishing ----------------------------------------------------------

  /**
   * Encodes the method for placement at `codeAddress` with one iced
   * BlockEncoder run. Throws Rel32OutOfRangeError if a rel32 field cannot
   * reach its target from there. The emitter cannot be used afterwards.
   */
  finalize(codeAddress: bigint): EmitResult<Tag> {
    if (this.finished) throw new Error('finalize was already called');
    this.finished = true;
    for (const record of this.records) {
      if (record.form === Form.LabelBranch) {
        const position = this.labelPositions[record.label]!;
        if (position < 0) throw new Error(`branch to label ${record.label}, which was never bound`);
        if (position >= this.records.length) throw new Error(`branch to label ${record.label}, which is bound after the last instruction`);
      }
    }
    return assemble(this.records, this.labelPositions, codeAddress);
  }

  /** The records emitted so far (for tests and for inspecting code before finalize). */
  get instructions(): readonly InstructionRecord<Tag>[] {
    return this.records;
  }

  // ---- internals ----------------------------------------------------------

  private append(record: InstructionRecord<Tag>): void {
    if (this.finished) throw new Error('the emitter was already finalized');
    this.records.push(record);
  }

  private regReg(code: Code | undefined, reg1: Register, reg2: Register): void {
    this.append(makeRecord(Form.RegReg, this.known(code), { reg1, reg2 }));
  }

  private regImm(code: Code | undefined, reg1: Register, imm: number): void {
    this.append(makeRecord(Form.RegImm, this.known(code), { reg1, imm }));
  }

  private regMem(code: Code | undefined, reg1: Register, mem: Memory<Tag>): void {
    this.append(makeRecord(Form.RegMem, this.known(code), { reg1, mem, reloc: this.memReloc(mem) }));
  }

  private memReg(code: Code | undefined, mem: Memory<Tag>, reg1: Register): void {
    this.append(makeRecord(Form.MemReg, this.known(code), { reg1, mem, reloc: this.memReloc(mem) }));
  }

  private memImm(code: Code | undefined, mem: Memory<Tag>, imm: number): void {
    this.append(makeRecord(Form.MemImm, this.known(code), { mem, imm, reloc: this.memReloc(mem) }));
  }

  private mem(code: Code | undefined, mem: Memory<Tag>): void {
    this.append(makeRecord(Form.Mem, this.known(code), { mem, reloc: this.memReloc(mem) }));
  }

  private memReloc(mem: Memory<Tag>): RelocationRequest<Tag> | undefined {
    return mem.kind === 'rip' ? { field: RelocField.Displacement, target: mem.address, tag: mem.tag } : undefined;
  }

  private branchToAddress(code: Code, target: bigint, tag: Tag): void {
    if (target < 0n || isSyntheticIp(target)) throw new RangeError(`0x${target.toString(16)} is not a code address`);
    this.append(makeRecord(Form.Branch, code, { target, reloc: { field: RelocField.BranchOffset, target, tag } }));
  }

  private movImmediate(dst: Register, value: number | bigint): void {
    const size = gprSize(dst);
    if (size !== 8) {
      this.regImm(MOV.regImm[size], dst, signedImmediate(value, bitsOf(size), false));
      return;
    }
    const v = toBigInt(value);
    if (v >= 0n && v <= 0xffff_ffffn) {
      // Writing the 32-bit register zero-extends: 5 bytes instead of 10.
      this.regImm(MOV.regImm[4], gpr(dst, 4), signedImmediate(v, 32, false));
    } else if (v >= -0x8000_0000n && v < 0n) {
      this.regImm(MOV.rmImm[8], dst, Number(v));
    } else {
      if (v < -(2n ** 63n) || v > 2n ** 64n - 1n) throw new RangeError(`immediate ${value} does not fit in 64 bits`);
      this.append(makeRecord(Form.RegImm64, Code.Mov_r64_imm64, { reg1: dst, imm64: BigInt.asUintN(64, v) }));
    }
  }

  private extend(table: Readonly<Record<2 | 4 | 8, CodesBySize>>, name: string, dst: Register, src: Register | Memory<Tag>): void {
    const dstSize = this.gprSize(dst);
    if (dstSize === 1) throw new RangeError(`${name} needs a 16-, 32- or 64-bit destination`);
    const srcSize = typeof src === 'number' ? this.gprSize(src) : this.integerAccessSize(src);
    if (srcSize >= dstSize || srcSize > 2) throw new RangeError(`${name} cannot extend ${srcSize} bytes to ${dstSize}`);
    const code = table[dstSize][srcSize];
    if (typeof src === 'number') this.regReg(code, dst, src);
    else this.regMem(code, dst, src);
  }

  private sseMove(name: keyof typeof SSE_MOVE, dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void {
    const forms = SSE_MOVE[name];
    if (typeof dst === 'number') {
      this.requireXmm(dst);
      if (typeof src === 'number') this.regReg(forms.load, dst, this.requireXmm(src));
      else this.regMem(forms.load, dst, this.sized(src, forms.memorySize));
    } else if (typeof src === 'number') {
      this.memReg(forms.store, this.sized(dst, forms.memorySize), this.requireXmm(src));
    } else {
      throw new RangeError(`${name} cannot move memory to memory`);
    }
  }

  private gprXmmMove(toXmm: Code, fromXmm: Code, size: 4 | 8, dst: Register | Memory<Tag>, src: Register | Memory<Tag>): void {
    if (typeof dst === 'number' && isXmm(dst)) {
      if (typeof src === 'number') this.regReg(toXmm, dst, this.requireGpr(src, size));
      else this.regMem(toXmm, dst, this.sized(src, size));
    } else if (typeof src === 'number' && isXmm(src)) {
      if (typeof dst === 'number') this.regReg(fromXmm, this.requireGpr(dst, size), src);
      else this.memReg(fromXmm, this.sized(dst, size), src);
    } else {
      throw new RangeError('movd/movq need an XMM register on one side');
    }
  }

  private intToFloat(from32: Code, from64: Code, dst: Register, src: Register | Memory<Tag>): void {
    this.requireXmm(dst);
    const size = typeof src === 'number' ? this.gprSize(src) : this.integerAccessSize(src);
    if (size !== 4 && size !== 8) throw new RangeError('integer-to-float conversions take 32- or 64-bit sources');
    const code = size === 8 ? from64 : from32;
    if (typeof src === 'number') this.regReg(code, dst, src);
    else this.regMem(code, dst, src);
  }

  private floatToInt(to32: Code, to64: Code, memorySize: 4 | 8, dst: Register, src: Register | Memory<Tag>): void {
    const size = this.gprSize(dst);
    if (size !== 4 && size !== 8) throw new RangeError('float-to-integer conversions write 32- or 64-bit registers');
    const code = size === 8 ? to64 : to32;
    if (typeof src === 'number') this.regReg(code, dst, this.requireXmm(src));
    else this.regMem(code, dst, this.sized(src, memorySize));
  }

  private gprSize(reg: Register): OperandSize {
    if (!isGpr(reg)) throw new RangeError(`${registerName(reg)} is not a general-purpose register`);
    return gprSize(reg);
  }

  private requireGpr(reg: Register, size?: OperandSize): Register {
    const actual = this.gprSize(reg);
    if (size !== undefined && actual !== size) throw new RangeError(`${registerName(reg)} is not a ${size * 8}-bit register`);
    return reg;
  }

  private requireXmm(reg: Register): Register {
    if (!isXmm(reg)) throw new RangeError(`${registerName(reg)} is not an XMM register`);
    return reg;
  }

  private sameSize(reg: Register, size: OperandSize): Register {
    return this.requireGpr(reg, size);
  }

  private sized(mem: Memory<Tag>, size: AccessSize): Memory<Tag> {
    if (mem.size !== size) throw new RangeError(`memory operand is ${mem.size} bytes, the instruction accesses ${size}`);
    return mem;
  }

  private integerAccessSize(mem: Memory<Tag>): OperandSize {
    if (mem.size === 16) throw new RangeError('integer instructions cannot access 16 bytes');
    return mem.size;
  }

  private known(code: Code | undefined, what = 'instruction'): Code {
    if (code === undefined) throw new RangeError(`${what} has no form for these operand sizes`);
    return code;
  }

  private checkLabel(label: Label): void {
    if (!Number.isInteger(label) || label < 0 || label >= this.labelPositions.length) throw new RangeError(`unknown label ${label}`);
  }
}

function bitsOf(size: 1 | 2 | 4): 8 | 16 | 32 {
  return (size * 8) as 8 | 16 | 32;
}
