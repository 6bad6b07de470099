import { CorInfoType } from './enums.js';

/**
 * RyuJIT's names of primitive types in method names and signatures
 * (`Program:Main(int,ubyte):long`). The EE and the JIT both print method names
 * and must agree, so they share this table.
 */
export const PRIMITIVE_TYPE_NAMES: Readonly<Partial<Record<CorInfoType, string>>> = Object.freeze({
  [CorInfoType.CORINFO_TYPE_VOID]: 'void',
  [CorInfoType.CORINFO_TYPE_BOOL]: 'bool',
  [CorInfoType.CORINFO_TYPE_CHAR]: 'ushort',
  [CorInfoType.CORINFO_TYPE_BYTE]: 'byte',
  [CorInfoType.CORINFO_TYPE_UBYTE]: 'ubyte',
  [CorInfoType.CORINFO_TYPE_SHORT]: 'short',
  [CorInfoType.CORINFO_TYPE_USHORT]: 'ushort',
  [CorInfoType.CORINFO_TYPE_INT]: 'int',
  [CorInfoType.CORINFO_TYPE_UINT]: 'uint',
  [CorInfoType.CORINFO_TYPE_LONG]: 'long',
  [CorInfoType.CORINFO_TYPE_ULONG]: 'ulong',
  [CorInfoType.CORINFO_TYPE_NATIVEINT]: 'long',
  [CorInfoType.CORINFO_TYPE_NATIVEUINT]: 'ulong',
  [CorInfoType.CORINFO_TYPE_FLOAT]: 'float',
  [CorInfoType.CORINFO_TYPE_DOUBLE]: 'double',
});
