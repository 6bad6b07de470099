import { Register } from 'iced-x86';

export { Register };

/** Size in bytes of a general-purpose register or of a memory access. */
export type OperandSize = 1 | 2 | 4 | 8;

/** Size in bytes of an XMM-sized memory access (movaps, xorps). */
export type VectorSize = 16;

// iced numbers each register class contiguously in hardware order, except the
// 8-bit class, which lists the legacy high-byte registers (AH..BH) before SPL.
const FIRST_GPR8_LEGACY = Register.AL;
const FIRST_GPR8_REX = Register.SPL;
const FIRST_GPR16 = Register.AX;
const FIRST_GPR32 = Register.EAX;
const FIRST_GPR64 = Register.RAX;
const FIRST_XMM = Register.XMM0;

/** True for the 16 x64 general-purpose registers in any of their sizes (not AH..BH). */
export function isGpr(reg: Register): boolean {
  return (reg >= Register.AL && reg <= Register.R15 && !(reg >= Register.AH && reg <= Register.BH));
}

export function isXmm(reg: Register): boolean {
  return reg >= FIRST_XMM && reg <= Register.XMM15;
}

/** Size in bytes of a general-purpose register. */
export function gprSize(reg: Register): OperandSize {
  if (reg >= FIRST_GPR64 && reg <= Register.R15) return 8;
  if (reg >= FIRST_GPR32 && reg <= Register.R15D) return 4;
  if (reg >= FIRST_GPR16 && reg <= Register.R15W) return 2;
  if (isGpr(reg)) return 1;
  throw new RangeError(`${registerName(reg)} is not a general-purpose register`);
}

/**
 * Hardware number 0..15 (rax=0, rcx=1, rdx=2, rbx=3, rsp=4, rbp=5, rsi=6,
 * rdi=7, r8..r15=8..15) of a general-purpose or XMM register: the number
 * unwind codes record.
 */
export function registerNumber(reg: Register): number {
  if (reg >= FIRST_GPR64 && reg <= Register.R15) return reg - FIRST_GPR64;
  if (reg >= FIRST_GPR32 && reg <= Register.R15D) return reg - FIRST_GPR32;
  if (reg >= FIRST_GPR16 && reg <= Register.R15W) return reg - FIRST_GPR16;
  if (reg >= FIRST_GPR8_REX && reg <= Register.R15L) return reg - FIRST_GPR8_REX + 4;
  if (reg >= FIRST_GPR8_LEGACY && reg <= Register.BL) return reg - FIRST_GPR8_LEGACY;
  if (isXmm(reg)) return reg - FIRST_XMM;
  throw new RangeError(`${registerName(reg)} has no x64 register number`);
}

/** The view of general-purpose register `reg` with the given size (e.g. gpr(RAX, 4) = EAX, gpr(RSI, 1) = SIL). */
export function gpr(reg: Register, size: OperandSize): Register {
  return gprByNumber(registerNumber(reg), size);
}

/** General-purpose register by hardware number and size. */
export function gprByNumber(n: number, size: OperandSize): Register {
  if (!Number.isInteger(n) || n < 0 || n > 15) throw new RangeError(`no general-purpose register number ${n}`);
  switch (size) {
    case 8: return FIRST_GPR64 + n;
    case 4: return FIRST_GPR32 + n;
    case 2: return FIRST_GPR16 + n;
    case 1: return n < 4 ? FIRST_GPR8_LEGACY + n : FIRST_GPR8_REX + (n - 4);
  }
}

export function xmmByNumber(n: number): Register {
  if (!Number.isInteger(n) || n < 0 || n > 15) throw new RangeError(`no XMM register number ${n}`);
  return FIRST_XMM + n;
}

/** Lowercase assembler name (rax, r8d, sil, xmm0). */
export function registerName(reg: Register): string {
  const name = Register[reg];
  if (name === undefined) return `reg#${reg}`;
  // Intel and MASM call the low byte of r8..r15 "r8b"; iced's enum says R8L.
  return /^R\d+L$/.test(name) ? `${name.slice(0, -1).toLowerCase()}b` : name.toLowerCase();
}
