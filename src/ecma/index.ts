/**
 * ECMA-335 (Partition II) reader for real .NET assemblies.
 *
 * - `Assembly.open(path)` / `Assembly.fromBytes(bytes, name)`: one module; typed
 *   rows (`typeDef(rid)`, `methodDef(rid)`, …), raw rows (`row('TypeDef', rid)`),
 *   file offsets (`rowOffset`, `columnLayout`), member lists, relationships
 *   (nesting, generic parameters, interfaces, layout, constants, attributes),
 *   decoded signatures, method bodies, custom attribute values, user strings.
 * - `AssemblyResolver`: loads referenced assemblies from search directories and
 *   resolves TypeRef/MemberRef/MethodSpec/ExportedType tokens to definitions.
 * - `patchImplFlags`: the fixture build step that turns marker attributes into
 *   MethodImpl flags.
 *
 * Every problem with the input throws `EcmaFormatError` (or `ResolutionError`
 * for references that lead nowhere), both InputErrors with one-line messages
 * `<file>: <what is wrong>`.
 */

export { Assembly, type EnumTypeResolver } from './assembly.js';
export { AssemblyRows } from './assembly-rows.js';
export { AssemblyRelations } from './assembly-relations.js';
export { MetadataImage } from './metadata-image.js';
export { EcmaFormatError, ResolutionError } from './errors.js';
export type * from './rows.js';
export { decodeConstant, type ConstantValue } from './constant-value.js';

export { PeImage, type Section, type DataDirectory, type CoffHeader, type OptionalHeader } from './pe/pe-image.js';
export { CliHeaderFlags, type CliHeader } from './pe/cli-header.js';
export type { MetadataRoot, StreamHeader } from './metadata/metadata-root.js';
export { StringHeap, BlobHeap, GuidHeap, UserStringHeap } from './metadata/heaps.js';

export { TableId, TABLE_COUNT, USER_STRING_TOKEN_TYPE, tableName, type TableName } from './tables/table-ids.js';
export { CodedIndex, type CodedIndexName, type CodedIndexKind, encodeCodedIndex } from './tables/coded-index.js';
export { TABLE_SCHEMAS, SCHEMA_BY_ID, columnIndex, type RawRow, type ColumnName, type ColumnType, type TableSchema } from './tables/schema.js';
export { MetadataTable, type ColumnLayout } from './tables/metadata-table.js';
export { HeapSizeFlags, type TableStream } from './tables/table-stream.js';
export { makeToken, tokenTable, tokenRid, isNilToken, formatToken, describeToken } from './tables/tokens.js';

export { ElementType, SignatureHeader, primitiveName } from './signatures/element-type.js';
export {
  stripModifiers,
  type TypeSig,
  type TypeSigKind,
  type MethodSig,
  type PropertySig,
  type StandAloneSig,
  type MemberRefSig,
} from './signatures/sig-types.js';
export { SigReader } from './signatures/sig-reader.js';
export * as signatures from './signatures/decode.js';
export { typeSigsEqual, methodSigsEqual, type SameTypeToken } from './signatures/compare.js';
export { formatTypeSig, formatMethodSig } from './signatures/format.js';

export { readMethodBody, ExceptionClauseFlags, type MethodBody, type ExceptionClause, type ExceptionClauseKind } from './il/method-body.js';
export {
  decodeCustomAttribute,
  readSerString,
  type CaType,
  type CaArgument,
  type CaNamedArgument,
  type CustomAttributeValue,
  type CaTypeContext,
} from './attributes/custom-attribute.js';

export { AssemblyResolver, type AssemblyResolverOptions } from './resolve/assembly-resolver.js';
export { sameHandle, type TypeHandle, type MethodHandle, type FieldHandle, type ResolvedMember } from './resolve/handles.js';
export { parseTypeName, type ParsedTypeName } from './resolve/type-name.js';

export * from './flags.js';
export { patchImplFlags, IMPL_FLAG_RULES, type ImplFlagRule, type PatchedMethod, type ImplFlagPatchResult } from './patch-impl-flags.js';
