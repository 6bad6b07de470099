import { TableId } from './table-ids.js';

/** A coded index kind (ECMA-335 II.24.2.6): low tag bits pick the table. */
export interface CodedIndexKind {
  name: string;
  tagBits: number;
  /** Table per tag value; -1 marks tag values the spec leaves unused. */
  tables: readonly number[];
}

const T = TableId;

export const CodedIndex = {
  TypeDefOrRef: { name: 'TypeDefOrRef', tagBits: 2, tables: [T.TypeDef, T.TypeRef, T.TypeSpec] },
  HasConstant: { name: 'HasConstant', tagBits: 2, tables: [T.Field, T.Param, T.Property] },
  HasCustomAttribute: {
    name: 'HasCustomAttribute',
    tagBits: 5,
    tables: [
      T.MethodDef, T.Field, T.TypeRef, T.TypeDef, T.Param, T.InterfaceImpl, T.MemberRef, T.Module,
      T.DeclSecurity, T.Property, T.Event, T.StandAloneSig, T.ModuleRef, T.TypeSpec, T.Assembly,
      T.AssemblyRef, T.File, T.ExportedType, T.ManifestResource, T.GenericParam,
      T.GenericParamConstraint, T.MethodSpec,
    ],
  },
  HasFieldMarshal: { name: 'HasFieldMarshal', tagBits: 1, tables: [T.Field, T.Param] },
  HasDeclSecurity: { name: 'HasDeclSecurity', tagBits: 2, tables: [T.TypeDef, T.MethodDef, T.Assembly] },
  MemberRefParent: {
    name: 'MemberRefParent',
    tagBits: 3,
    tables: [T.TypeDef, T.TypeRef, T.ModuleRef, T.MethodDef, T.TypeSpec],
  },
  HasSemantics: { name: 'HasSemantics', tagBits: 1, tables: [T.Event, T.Property] },
  MethodDefOrRef: { name: 'MethodDefOrRef', tagBits: 1, tables: [T.MethodDef, T.MemberRef] },
  MemberForwarded: { name: 'MemberForwarded', tagBits: 1, tables: [T.Field, T.MethodDef] },
  Implementation: { name: 'Implementation', tagBits: 2, tables: [T.File, T.AssemblyRef, T.ExportedType] },
  CustomAttributeType: { name: 'CustomAttributeType', tagBits: 3, tables: [-1, -1, T.MethodDef, T.MemberRef, -1] },
  ResolutionScope: { name: 'ResolutionScope', tagBits: 2, tables: [T.Module, T.ModuleRef, T.AssemblyRef, T.TypeRef] },
  TypeOrMethodDef: { name: 'TypeOrMethodDef', tagBits: 1, tables: [T.TypeDef, T.MethodDef] },
} as const satisfies Record<string, CodedIndexKind>;

export type CodedIndexName = keyof typeof CodedIndex;

/** Encodes a token as a value of the coded index (for writers and tests). */
export function encodeCodedIndex(kind: CodedIndexKind, table: number, rid: number): number {
  const tag = kind.tables.indexOf(table);
  if (tag < 0) throw new Error(`table ${table} is not part of coded index ${kind.name}`);
  return ((rid << kind.tagBits) | tag) >>> 0;
}
