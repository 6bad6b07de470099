import { Code } from 'iced-x86';
import type { OperandSize } from './registers.js';

export { Code };

/** Looks up an iced instruction code by its enum name (e.g. "Add_rm32_imm8"). */
export function codeByName(name: string): Code {
  const code = (Code as unknown as Record<string, number | undefined>)[name];
  if (typeof code !== 'number') throw new Error(`iced-x86 has no instruction code ${name}`);
  return code;
}

/** iced codes of one instruction form for each operand size, indexed by size in bytes. */
export type CodesBySize = Readonly<Record<OperandSize, Code | undefined>>;

/**
 * Expands a code-name pattern over operand sizes: "#" becomes 8/16/32/64.
 * Sizes listed in `sizes` must exist; the result has undefined for the rest.
 */
export function codesBySize(pattern: string, sizes: readonly OperandSize[] = [1, 2, 4, 8]): CodesBySize {
  const table: Record<OperandSize, Code | undefined> = { 1: undefined, 2: undefined, 4: undefined, 8: undefined };
  for (const size of sizes) table[size] = codeByName(pattern.replaceAll('#', String(size * 8)));
  return table;
}

/** x86 condition codes, by the suffix the Jcc/SETcc/CMOVcc mnemonics use. */
export type Condition =
  | 'o' | 'no' | 'b' | 'ae' | 'e' | 'ne' | 'be' | 'a'
  | 's' | 'ns' | 'p' | 'np' | 'l' | 'ge' | 'le' | 'g';

export const CONDITIONS: readonly Condition[] = [
  'o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g',
];

const NEGATED: Readonly<Record<Condition, Condition>> = {
  o: 'no', no: 'o', b: 'ae', ae: 'b', e: 'ne', ne: 'e', be: 'a', a: 'be',
  s: 'ns', ns: 's', p: 'np', np: 'p', l: 'ge', ge: 'l', le: 'g', g: 'le',
};

/** The condition that holds exactly when `cond` does not. */
export function negateCondition(cond: Condition): Condition {
  return NEGATED[cond];
}

function byCondition(pattern: string): Readonly<Record<Condition, Code>> {
  const table = {} as Record<Condition, Code>;
  for (const cond of CONDITIONS) table[cond] = codeByName(pattern.replace('?', cond));
  return table;
}

/** Near (rel32) conditional jumps; the block encoder shortens them to rel8 where the target is close. */
export const JCC_NEAR = byCondition('J?_rel32_64');
export const SETCC = byCondition('Set?_rm8');
export const CMOVCC: Readonly<Record<2 | 4 | 8, Readonly<Record<Condition, Code>>>> = {
  2: byCondition('Cmov?_r16_rm16'),
  4: byCondition('Cmov?_r32_rm32'),
  8: byCondition('Cmov?_r64_rm64'),
};
