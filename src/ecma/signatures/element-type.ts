/** Element types of signatures and constants (ECMA-335 II.23.1.16). */
export const ElementType = {
  End: 0x00,
  Void: 0x01,
  Boolean: 0x02,
  Char: 0x03,
  I1: 0x04,
  U1: 0x05,
  I2: 0x06,
  U2: 0x07,
  I4: 0x08,
  U4: 0x09,
  I8: 0x0a,
  U8: 0x0b,
  R4: 0x0c,
  R8: 0x0d,
  String: 0x0e,
  Ptr: 0x0f,
  ByRef: 0x10,
  ValueType: 0x11,
  Class: 0x12,
  Var: 0x13,
  Array: 0x14,
  GenericInst: 0x15,
  TypedByRef: 0x16,
  I: 0x18,
  U: 0x19,
  FnPtr: 0x1b,
  Object: 0x1c,
  SzArray: 0x1d,
  MVar: 0x1e,
  CModReqd: 0x1f,
  CModOpt: 0x20,
  Internal: 0x21,
  Modifier: 0x40,
  Sentinel: 0x41,
  Pinned: 0x45,
  /** Custom attribute encodings only: System.Type, boxed object, field, property, enum. */
  SerType: 0x50,
  SerBoxed: 0x51,
  SerField: 0x53,
  SerProperty: 0x54,
  SerEnum: 0x55,
} as const;

/** First byte of a signature: calling convention and flags (II.23.2.1–3). */
export const SignatureHeader = {
  Default: 0x0,
  C: 0x1,
  StdCall: 0x2,
  ThisCall: 0x3,
  FastCall: 0x4,
  VarArg: 0x5,
  Field: 0x6,
  LocalSig: 0x7,
  Property: 0x8,
  Unmanaged: 0x9,
  GenericInst: 0xa,
  KindMask: 0xf,
  Generic: 0x10,
  HasThis: 0x20,
  ExplicitThis: 0x40,
} as const;

const names: Record<number, string> = {
  [ElementType.Void]: 'void',
  [ElementType.Boolean]: 'bool',
  [ElementType.Char]: 'char',
  [ElementType.I1]: 'int8',
  [ElementType.U1]: 'unsigned int8',
  [ElementType.I2]: 'int16',
  [ElementType.U2]: 'unsigned int16',
  [ElementType.I4]: 'int32',
  [ElementType.U4]: 'unsigned int32',
  [ElementType.I8]: 'int64',
  [ElementType.U8]: 'unsigned int64',
  [ElementType.R4]: 'float32',
  [ElementType.R8]: 'float64',
  [ElementType.String]: 'string',
  [ElementType.Object]: 'object',
  [ElementType.I]: 'native int',
  [ElementType.U]: 'native unsigned int',
  [ElementType.TypedByRef]: 'typedref',
};

/** IL assembler keyword of a primitive element type. */
export function primitiveName(type: number): string {
  return names[type] ?? `elementtype 0x${type.toString(16)}`;
}

/** Element types that stand alone as a whole type in a signature. */
export function isPrimitiveElementType(type: number): boolean {
  return names[type] !== undefined;
}
