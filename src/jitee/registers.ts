/**
 * x64 registers as they appear in compile results (GC info, unwind info,
 * variable locations). Names, not encodings, so records read the same on
 * any host; X64_GP_REGISTERS gives the hardware numbering (index = number).
 */

export const X64_GP_REGISTERS = [
  'rax',
  'rcx',
  'rdx',
  'rbx',
  'rsp',
  'rbp',
  'rsi',
  'rdi',
  'r8',
  'r9',
  'r10',
  'r11',
  'r12',
  'r13',
  'r14',
  'r15',
] as const;

export type X64Register = (typeof X64_GP_REGISTERS)[number];

/** Hardware number of a general-purpose register (rax = 0 … r15 = 15). */
export function x64RegisterNumber(reg: X64Register): number {
  return X64_GP_REGISTERS.indexOf(reg);
}

export function isX64Register(value: unknown): value is X64Register {
  return typeof value === 'string' && (X64_GP_REGISTERS as readonly string[]).includes(value);
}
