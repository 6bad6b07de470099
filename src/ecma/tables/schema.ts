import { CodedIndex, type CodedIndexName } from './coded-index.js';
import { TableId, type TableName } from './table-ids.js';

/**
 * The columns of every metadata table (ECMA-335 II.22), in file order. Table
 * layout, row decoding, typed rows and patch offsets all derive from this one
 * declaration; no table has a hand-written reader.
 */

/** What a column holds, which decides its width (II.24.2.6). */
export type ColumnType =
  | { readonly kind: 'u8' }
  | { readonly kind: 'u16' }
  | { readonly kind: 'u32' }
  | { readonly kind: 'string' }
  | { readonly kind: 'guid' }
  | { readonly kind: 'blob' }
  | { readonly kind: 'index'; readonly table: number }
  | { readonly kind: 'coded'; readonly coded: CodedIndexName };

export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
}

export interface TableSchema {
  readonly id: number;
  readonly name: TableName;
  readonly columns: readonly ColumnSchema[];
}

const u8 = { kind: 'u8' } as const;
const u16 = { kind: 'u16' } as const;
const u32 = { kind: 'u32' } as const;
const str = { kind: 'string' } as const;
const guid = { kind: 'guid' } as const;
const blob = { kind: 'blob' } as const;
const index = <T extends number>(table: T) => ({ kind: 'index', table }) as const;
const coded = <C extends CodedIndexName>(c: C) => ({ kind: 'coded', coded: c }) as const;
const col = <N extends string, T extends ColumnType>(name: N, type: T) => ({ name, type }) as const;
const table = <N extends TableName, C extends readonly ColumnSchema[]>(name: N, columns: C) =>
  ({ id: TableId[name], name, columns }) as const;

const T = TableId;

export const TABLE_SCHEMAS = [
  table('Module', [col('Generation', u16), col('Name', str), col('Mvid', guid), col('EncId', guid), col('EncBaseId', guid)]),
  table('TypeRef', [col('ResolutionScope', coded('ResolutionScope')), col('TypeName', str), col('TypeNamespace', str)]),
  table('TypeDef', [
    col('Flags', u32),
    col('TypeName', str),
    col('TypeNamespace', str),
    col('Extends', coded('TypeDefOrRef')),
    col('FieldList', index(T.Field)),
    col('MethodList', index(T.MethodDef)),
  ]),
  table('FieldPtr', [col('Field', index(T.Field))]),
  table('Field', [col('Flags', u16), col('Name', str), col('Signature', blob)]),
  table('MethodPtr', [col('Method', index(T.MethodDef))]),
  table('MethodDef', [
    col('RVA', u32),
    col('ImplFlags', u16),
    col('Flags', u16),
    col('Name', str),
    col('Signature', blob),
    col('ParamList', index(T.Param)),
  ]),
  table('ParamPtr', [col('Param', index(T.Param))]),
  table('Param', [col('Flags', u16), col('Sequence', u16), col('Name', str)]),
  table('InterfaceImpl', [col('Class', index(T.TypeDef)), col('Interface', coded('TypeDefOrRef'))]),
  table('MemberRef', [col('Class', coded('MemberRefParent')), col('Name', str), col('Signature', blob)]),
  // The constant's element type is one byte followed by one byte of padding.
  table('Constant', [col('Type', u8), col('Padding', u8), col('Parent', coded('HasConstant')), col('Value', blob)]),
  table('CustomAttribute', [col('Parent', coded('HasCustomAttribute')), col('Type', coded('CustomAttributeType')), col('Value', blob)]),
  table('FieldMarshal', [col('Parent', coded('HasFieldMarshal')), col('NativeType', blob)]),
  table('DeclSecurity', [col('Action', u16), col('Parent', coded('HasDeclSecurity')), col('PermissionSet', blob)]),
  table('ClassLayout', [col('PackingSize', u16), col('ClassSize', u32), col('Parent', index(T.TypeDef))]),
  table('FieldLayout', [col('Offset', u32), col('Field', index(T.Field))]),
  table('StandAloneSig', [col('Signature', blob)]),
  table('EventMap', [col('Parent', index(T.TypeDef)), col('EventList', index(T.Event))]),
  table('EventPtr', [col('Event', index(T.Event))]),
  table('Event', [col('EventFlags', u16), col('Name', str), col('EventType', coded('TypeDefOrRef'))]),
  table('PropertyMap', [col('Parent', index(T.TypeDef)), col('PropertyList', index(T.Property))]),
  table('PropertyPtr', [col('Property', index(T.Property))]),
  table('Property', [col('Flags', u16), col('Name', str), col('Type', blob)]),
  table('MethodSemantics', [col('Semantics', u16), col('Method', index(T.MethodDef)), col('Association', coded('HasSemantics'))]),
  table('MethodImpl', [
    col('Class', index(T.TypeDef)),
    col('MethodBody', coded('MethodDefOrRef')),
    col('MethodDeclaration', coded('MethodDefOrRef')),
  ]),
  table('ModuleRef', [col('Name', str)]),
  table('TypeSpec', [col('Signature', blob)]),
  table('ImplMap', [
    col('MappingFlags', u16),
    col('MemberForwarded', coded('MemberForwarded')),
    col('ImportName', str),
    col('ImportScope', index(T.ModuleRef)),
  ]),
  table('FieldRVA', [col('RVA', u32), col('Field', index(T.Field))]),
  table('ENCLog', [col('Token', u32), col('FuncCode', u32)]),
  table('ENCMap', [col('Token', u32)]),
  table('Assembly', [
    col('HashAlgId', u32),
    col('MajorVersion', u16),
    col('MinorVersion', u16),
    col('BuildNumber', u16),
    col('RevisionNumber', u16),
    col('Flags', u32),
    col('PublicKey', blob),
    col('Name', str),
    col('Culture', str),
  ]),
  table('AssemblyProcessor', [col('Processor', u32)]),
  table('AssemblyOS', [col('OSPlatformId', u32), col('OSMajorVersion', u32), col('OSMinorVersion', u32)]),
  table('AssemblyRef', [
    col('MajorVersion', u16),
    col('MinorVersion', u16),
    col('BuildNumber', u16),
    col('RevisionNumber', u16),
    col('Flags', u32),
    col('PublicKeyOrToken', blob),
    col('Name', str),
    col('Culture', str),
    col('HashValue', blob),
  ]),
  table('AssemblyRefProcessor', [col('Processor', u32), col('AssemblyRef', index(T.AssemblyRef))]),
  table('AssemblyRefOS', [
    col('OSPlatformId', u32),
    col('OSMajorVersion', u32),
    col('OSMinorVersion', u32),
    col('AssemblyRef', index(T.AssemblyRef)),
  ]),
  table('File', [col('Flags', u32), col('Name', str), col('HashValue', blob)]),
  table('ExportedType', [
    col('Flags', u32),
    col('TypeDefId', u32),
    col('TypeName', str),
    col('TypeNamespace', str),
    col('Implementation', coded('Implementation')),
  ]),
  table('ManifestResource', [col('Offset', u32), col('Flags', u32), col('Name', str), col('Implementation', coded('Implementation'))]),
  table('NestedClass', [col('NestedClass', index(T.TypeDef)), col('EnclosingClass', index(T.TypeDef))]),
  table('GenericParam', [col('Number', u16), col('Flags', u16), col('Owner', coded('TypeOrMethodDef')), col('Name', str)]),
  table('MethodSpec', [col('Method', coded('MethodDefOrRef')), col('Instantiation', blob)]),
  table('GenericParamConstraint', [col('Owner', index(T.GenericParam)), col('Constraint', coded('TypeDefOrRef'))]),
] as const;

type Schemas = (typeof TABLE_SCHEMAS)[number];
export type SchemaOf<N extends TableName> = Extract<Schemas, { name: N }>;
export type ColumnName<N extends TableName> = SchemaOf<N>['columns'][number]['name'];

/**
 * A row with every column as a number: constants as read, heap columns as heap
 * indexes, simple table columns as row ids, coded indexes decoded to tokens.
 */
export type RawRow<N extends TableName> = { readonly [C in ColumnName<N>]: number } & { readonly rid: number };

/** Schema by table id (dense: every id 0x00 … 0x2C is present). */
export const SCHEMA_BY_ID: readonly TableSchema[] = (() => {
  const byId: TableSchema[] = [];
  for (const s of TABLE_SCHEMAS) byId[s.id] = s;
  for (let i = 0; i < byId.length; i++) if (!byId[i]) throw new Error(`schema for table ${i} missing`);
  return byId;
})();

/** Index of a column in its table's schema (compile-time checked name). */
export function columnIndex<N extends TableName>(table: N, column: ColumnName<N>): number {
  const i = SCHEMA_BY_ID[TableId[table]]!.columns.findIndex((c) => c.name === column);
  if (i < 0) throw new Error(`no column ${column} in ${table}`);
  return i;
}

export { CodedIndex };
