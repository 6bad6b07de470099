/**
 * Enums of the interface are plain const objects (NAME → number) with a type
 * of the same name for their values. These functions print and check them.
 */

export type EnumObject = Readonly<Record<string, number>>;

/** The values of an enum object as a type. */
export type EnumValue<E extends EnumObject> = E[keyof E];

/** The first name carrying `value`, or undefined. */
export function enumName(e: EnumObject, value: number): string | undefined {
  for (const [name, v] of Object.entries(e)) if (v === value) return name;
  return undefined;
}

/** The name carrying `value`, or the number itself when no name does. */
export function formatEnum(e: EnumObject, value: number): string {
  return enumName(e, value) ?? String(value);
}

export function isEnumValue<E extends EnumObject>(e: E, value: number): value is EnumValue<E> {
  return enumName(e, value) !== undefined;
}

/**
 * The names of the single-bit flags set in `value` (names whose value is 0 or
 * has more than one bit are ignored), plus the leftover bits in hex.
 */
export function flagNames(e: EnumObject, value: number): string[] {
  const names: string[] = [];
  let rest = value >>> 0;
  for (const [name, v] of Object.entries(e)) {
    const bit = v >>> 0;
    if (bit === 0 || (bit & (bit - 1)) !== 0) continue;
    if ((rest & bit) !== 0) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) names.push('0x' + rest.toString(16));
  return names;
}

/** Flags joined with `|`, or `0` when none is set. */
export function formatFlags(e: EnumObject, value: number): string {
  const names = flagNames(e, value);
  return names.length === 0 ? '0' : names.join('|');
}

/** OR of flag values as an unsigned 32-bit number. */
export function combineFlags(...flags: number[]): number {
  let v = 0;
  for (const f of flags) v |= f;
  return v >>> 0;
}

export function hasFlag(value: number, flag: number): boolean {
  return (value & flag) !== 0;
}
