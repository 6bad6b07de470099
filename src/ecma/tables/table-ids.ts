/** Metadata table numbers (ECMA-335 II.22); also the top byte of a token. */
export const TableId = {
  Module: 0x00,
  TypeRef: 0x01,
  TypeDef: 0x02,
  FieldPtr: 0x03,
  Field: 0x04,
  MethodPtr: 0x05,
  MethodDef: 0x06,
  ParamPtr: 0x07,
  Param: 0x08,
  InterfaceImpl: 0x09,
  MemberRef: 0x0a,
  Constant: 0x0b,
  CustomAttribute: 0x0c,
  FieldMarshal: 0x0d,
  DeclSecurity: 0x0e,
  ClassLayout: 0x0f,
  FieldLayout: 0x10,
  StandAloneSig: 0x11,
  EventMap: 0x12,
  EventPtr: 0x13,
  Event: 0x14,
  PropertyMap: 0x15,
  PropertyPtr: 0x16,
  Property: 0x17,
  MethodSemantics: 0x18,
  MethodImpl: 0x19,
  ModuleRef: 0x1a,
  TypeSpec: 0x1b,
  ImplMap: 0x1c,
  FieldRVA: 0x1d,
  ENCLog: 0x1e,
  ENCMap: 0x1f,
  Assembly: 0x20,
  AssemblyProcessor: 0x21,
  AssemblyOS: 0x22,
  AssemblyRef: 0x23,
  AssemblyRefProcessor: 0x24,
  AssemblyRefOS: 0x25,
  File: 0x26,
  ExportedType: 0x27,
  ManifestResource: 0x28,
  NestedClass: 0x29,
  GenericParam: 0x2a,
  MethodSpec: 0x2b,
  GenericParamConstraint: 0x2c,
} as const;

export type TableName = keyof typeof TableId;
export type TableId = (typeof TableId)[TableName];

/** Number of table ids this reader knows (0x00 … 0x2C). */
export const TABLE_COUNT = 0x2d;

/** Token type of user strings (ldstr operands); not a table. */
export const USER_STRING_TOKEN_TYPE = 0x70;

const namesById: string[] = [];
for (const [name, id] of Object.entries(TableId)) namesById[id] = name;

/** The table's name, or `table 0x2f` for ids this reader does not know. */
export function tableName(id: number): string {
  return namesById[id] ?? `table 0x${id.toString(16)}`;
}
