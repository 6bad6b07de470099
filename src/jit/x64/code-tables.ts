import { CMOVCC, Code, JCC_NEAR, SETCC, codeByName, codesBySize, type CodesBySize } from './codes.js';
import type { AccessSize } from './operands.js';

/**
 * The iced instruction codes behind each emitter helper, by operation and
 * operand size. Built once at load by name, so a typo fails at startup.
 */

export { CMOVCC, JCC_NEAR, SETCC };

export type AluOperation = 'add' | 'or' | 'adc' | 'sbb' | 'and' | 'sub' | 'xor' | 'cmp';
export type ShiftOperation = 'shl' | 'shr' | 'sar' | 'rol' | 'ror';
export type UnaryOperation = 'neg' | 'not' | 'inc' | 'dec' | 'mul' | 'imul' | 'div' | 'idiv';

interface AluCodes {
  readonly regRm: CodesBySize;
  readonly rmReg: CodesBySize;
  readonly rmImm8: CodesBySize;
  readonly rmImm: CodesBySize;
}

function aluCodes(name: string): AluCodes {
  return {
    regRm: codesBySize(`${name}_r#_rm#`),
    rmReg: codesBySize(`${name}_rm#_r#`),
    rmImm8: codesBySize(`${name}_rm#_imm8`),
    rmImm: fullImmediateCodes(name),
  };
}

/** `op r/m, imm` with the immediate as wide as the operand (imm32 sign-extended for 64-bit). */
function fullImmediateCodes(name: string): CodesBySize {
  return {
    1: codeByName(`${name}_rm8_imm8`),
    2: codeByName(`${name}_rm16_imm16`),
    4: codeByName(`${name}_rm32_imm32`),
    8: codeByName(`${name}_rm64_imm32`),
  };
}

export const ALU: Readonly<Record<AluOperation, AluCodes>> = {
  add: aluCodes('Add'), or: aluCodes('Or'), adc: aluCodes('Adc'), sbb: aluCodes('Sbb'),
  and: aluCodes('And'), sub: aluCodes('Sub'), xor: aluCodes('Xor'), cmp: aluCodes('Cmp'),
};

export const MOV = {
  regRm: codesBySize('Mov_r#_rm#'),
  rmReg: codesBySize('Mov_rm#_r#'),
  rmImm: fullImmediateCodes('Mov'),
  regImm: codesBySize('Mov_r#_imm#', [1, 2, 4]),
};
export const TEST = { rmReg: codesBySize('Test_rm#_r#'), rmImm: fullImmediateCodes('Test') };

export const SHIFT: Readonly<Record<ShiftOperation, { readonly byCl: CodesBySize; readonly byImm: CodesBySize }>> = {
  shl: shiftCodes('Shl'), shr: shiftCodes('Shr'), sar: shiftCodes('Sar'), rol: shiftCodes('Rol'), ror: shiftCodes('Ror'),
};
function shiftCodes(name: string) {
  return { byCl: codesBySize(`${name}_rm#_CL`), byImm: codesBySize(`${name}_rm#_imm8`) };
}

export const UNARY: Readonly<Record<UnaryOperation, CodesBySize>> = {
  neg: codesBySize('Neg_rm#'), not: codesBySize('Not_rm#'), inc: codesBySize('Inc_rm#'), dec: codesBySize('Dec_rm#'),
  mul: codesBySize('Mul_rm#'), imul: codesBySize('Imul_rm#'), div: codesBySize('Div_rm#'), idiv: codesBySize('Idiv_rm#'),
};

export const IMUL = {
  regRm: codesBySize('Imul_r#_rm#', [2, 4, 8]),
  regRmImm8: codesBySize('Imul_r#_rm#_imm8', [2, 4, 8]),
  regRmImm: { 1: undefined, 2: Code.Imul_r16_rm16_imm16, 4: Code.Imul_r32_rm32_imm32, 8: Code.Imul_r64_rm64_imm32 } as CodesBySize,
};

/** Zero/sign extension codes by destination size, then source size. */
export const MOVZX: Readonly<Record<2 | 4 | 8, CodesBySize>> = {
  2: codesBySize('Movzx_r16_rm#', [1, 2]), 4: codesBySize('Movzx_r32_rm#', [1, 2]), 8: codesBySize('Movzx_r64_rm#', [1, 2]),
};
export const MOVSX: Readonly<Record<2 | 4 | 8, CodesBySize>> = {
  2: codesBySize('Movsx_r16_rm#', [1, 2]), 4: codesBySize('Movsx_r32_rm#', [1, 2]), 8: codesBySize('Movsx_r64_rm#', [1, 2]),
};

export const REP_MOVS: CodesBySize = { 1: Code.Movsb_m8_m8, 2: Code.Movsw_m16_m16, 4: Code.Movsd_m32_m32, 8: Code.Movsq_m64_m64 };
export const REP_STOS: CodesBySize = { 1: Code.Stosb_m8_AL, 2: Code.Stosw_m16_AX, 4: Code.Stosd_m32_EAX, 8: Code.Stosq_m64_RAX };

/** Scalar SSE operations: one code for xmm ← xmm/mem, with the memory operand size. */
export type ScalarSseOperation = 'addss' | 'addsd' | 'subss' | 'subsd' | 'mulss' | 'mulsd' | 'divss' | 'divsd'
  | 'sqrtss' | 'sqrtsd' | 'cvtss2sd' | 'cvtsd2ss' | 'ucomiss' | 'ucomisd' | 'xorps' | 'andps';

export const SCALAR_SSE: Readonly<Record<ScalarSseOperation, { readonly code: Code; readonly memorySize: AccessSize }>> = {
  addss: sse('Addss_xmm_xmmm32', 4), addsd: sse('Addsd_xmm_xmmm64', 8),
  subss: sse('Subss_xmm_xmmm32', 4), subsd: sse('Subsd_xmm_xmmm64', 8),
  mulss: sse('Mulss_xmm_xmmm32', 4), mulsd: sse('Mulsd_xmm_xmmm64', 8),
  divss: sse('Divss_xmm_xmmm32', 4), divsd: sse('Divsd_xmm_xmmm64', 8),
  sqrtss: sse('Sqrtss_xmm_xmmm32', 4), sqrtsd: sse('Sqrtsd_xmm_xmmm64', 8),
  cvtss2sd: sse('Cvtss2sd_xmm_xmmm32', 4), cvtsd2ss: sse('Cvtsd2ss_xmm_xmmm64', 8),
  ucomiss: sse('Ucomiss_xmm_xmmm32', 4), ucomisd: sse('Ucomisd_xmm_xmmm64', 8),
  xorps: sse('Xorps_xmm_xmmm128', 16), andps: sse('Andps_xmm_xmmm128', 16),
};
function sse(name: string, memorySize: AccessSize) {
  return { code: codeByName(name), memorySize };
}

/** SSE moves with a load form (xmm ← xmm/mem) and a store form (mem ← xmm). */
export const SSE_MOVE = {
  movss: { load: Code.Movss_xmm_xmmm32, store: Code.Movss_xmmm32_xmm, memorySize: 4 },
  movsd: { load: Code.Movsd_xmm_xmmm64, store: Code.Movsd_xmmm64_xmm, memorySize: 8 },
  movaps: { load: Code.Movaps_xmm_xmmm128, store: Code.Movaps_xmmm128_xmm, memorySize: 16 },
} as const;
