import { OpKind, type Instruction } from 'iced-x86';
import { Code } from './codes.js';
import { Form, type InstructionRecord } from './instruction-record.js';

/**
 * PerfScore: a rough, documented cost estimate, summed over a method's
 * instructions (every block weighted 1, as in Tier0 code without profile
 * data). It only has to move in the right direction when code changes, so
 * the numbers are round cycle-ish figures, not a machine model:
 *
 * - each mnemonic has a base cost for its register form (COSTS below);
 * - a memory operand read adds 0.75, a write adds 0.75, read-modify-write
 *   adds 1.5 (lea reads no memory);
 * - rep movs/stos count 25 (their start-up cost dominates for the short
 *   copies a JIT emits);
 * - anything not listed counts 1.
 *
 * The same table scores the emitter's records (EmitResult.perfScore) and
 * decoded code (listings), so both agree.
 */

/** What an instruction does with a memory operand in operand 0. */
type DestinationAccess = 'write' | 'readWrite' | 'read';

interface MnemonicCost {
  readonly base: number;
  readonly destination: DestinationAccess;
}

const MEMORY_ACCESS_COST = 0.75;
const REP_STRING_COST = 25;
const UNKNOWN_COST = 1;

function costs(base: number, destination: DestinationAccess, names: string): Record<string, MnemonicCost> {
  const table: Record<string, MnemonicCost> = {};
  for (const name of names.split(' ')) table[name] = { base, destination };
  return table;
}

const COSTS: Readonly<Record<string, MnemonicCost>> = {
  ...costs(0.25, 'write', 'mov movzx movsx movsxd movss movsd movaps movups movd movq'),
  ...costs(0.25, 'readWrite', 'add sub and or xor adc sbb inc dec neg not'),
  ...costs(0.25, 'read', 'cmp test cdq cqo cdqe cwde nopd nopw nopq'),
  ...costs(0.5, 'readWrite', 'shl shr sar sal rol ror'),
  ...costs(0.5, 'read', 'lea'),
  ...costs(0.5, 'write', 'set'),
  ...costs(0.5, 'read', 'cmov'),
  ...costs(1, 'read', 'imul mul'),
  ...costs(26, 'read', 'div idiv'),
  ...costs(1, 'write', 'push'),
  ...costs(0.5, 'write', 'pop'),
  ...costs(1, 'read', 'call jmp jcc retnq'),
  ...costs(0.5, 'readWrite', 'addss addsd subss subsd mulss mulsd'),
  ...costs(3, 'readWrite', 'divss sqrtss'),
  ...costs(4, 'readWrite', 'divsd'),
  ...costs(4.5, 'readWrite', 'sqrtsd'),
  ...costs(1, 'write', 'cvtsi2sd cvtsi2ss cvttsd2si cvttss2si cvtss2sd cvtsd2ss'),
  ...costs(1, 'read', 'ucomiss ucomisd comiss comisd'),
  ...costs(0.25, 'readWrite', 'xorps andps orps xorpd andpd'),
  ...costs(0, 'read', 'int3'),
};

/** 64-bit division is markedly slower than 32-bit on the cores PerfScore has in mind. */
const DIV64_COST = 40;

const REP_STRING_CODES: ReadonlySet<Code> = new Set([
  Code.Movsb_m8_m8, Code.Movsw_m16_m16, Code.Movsd_m32_m32, Code.Movsq_m64_m64,
  Code.Stosb_m8_AL, Code.Stosw_m16_AX, Code.Stosd_m32_EAX, Code.Stosq_m64_RAX,
]);

enum MemoryRole { None = 0, Source = 1, Destination = 2 }

/** Cost of one instruction by its iced code and what its memory operand (if any) is. */
function instructionCost(code: Code, role: MemoryRole): number {
  let cached = costCache.get(code);
  if (cached === undefined) {
    cached = computeCosts(code);
    costCache.set(code, cached);
  }
  return cached[role]!;
}

const costCache = new Map<Code, readonly number[]>();

function computeCosts(code: Code): readonly number[] {
  if (REP_STRING_CODES.has(code)) return [REP_STRING_COST, REP_STRING_COST, REP_STRING_COST];
  const name = Code[code] ?? '';
  const entry = COSTS[mnemonicKey(name)];
  if (entry === undefined) return [UNKNOWN_COST, UNKNOWN_COST + MEMORY_ACCESS_COST, UNKNOWN_COST + MEMORY_ACCESS_COST];
  const key = mnemonicKey(name);
  let base = entry.base;
  if ((key === 'div' || key === 'idiv') && name.includes('rm64')) base = DIV64_COST;
  if (key === 'lea') return [base, base, base];
  const destinationCost = entry.destination === 'readWrite' ? 2 * MEMORY_ACCESS_COST : MEMORY_ACCESS_COST;
  return [base, base + MEMORY_ACCESS_COST, base + destinationCost];
}

/** Table key for an iced code name: "Add_rm32_imm8" → "add", "Je_rel8_64" → "jcc", "Sete_rm8" → "set". */
function mnemonicKey(codeName: string): string {
  const mnemonic = codeName.split('_')[0]!.toLowerCase();
  if (mnemonic === 'jmp' || mnemonic === 'call') return mnemonic;
  if (mnemonic.startsWith('j')) return 'jcc';
  if (mnemonic.startsWith('cmov')) return 'cmov';
  if (mnemonic.startsWith('set')) return 'set';
  return mnemonic;
}

/** PerfScore of an instruction the emitter holds. */
export function recordPerfScore(record: InstructionRecord<unknown>): number {
  let role = MemoryRole.None;
  switch (record.form) {
    case Form.RegMem:
    case Form.RegMemImm:
      role = MemoryRole.Source;
      break;
    case Form.MemReg:
    case Form.Mem:
    case Form.MemImm:
      role = MemoryRole.Destination;
      break;
  }
  return instructionCost(record.code, role);
}

/** PerfScore of a decoded instruction. */
export function decodedPerfScore(instruction: Instruction): number {
  const code = instruction.code;
  let role = MemoryRole.None;
  if (!REP_STRING_CODES.has(code)) {
    const operandCount = instruction.opCount;
    for (let operand = 0; operand < operandCount; operand++) {
      if (instruction.opKind(operand) === OpKind.Memory) {
        role = operand === 0 ? MemoryRole.Destination : MemoryRole.Source;
        break;
      }
    }
  }
  return instructionCost(code, role);
}

/** Rounds a PerfScore the way listings print it (two decimals). */
export function formatPerfScore(score: number): string {
  return (Math.round(score * 100) / 100).toFixed(2);
}
