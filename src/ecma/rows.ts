// Typed rows of the tables the execution engine works with. Strings are
// decoded; references are tokens (coded indexes) or row ids (simple indexes);
// signatures and other blobs stay heap indexes, decoded by Assembly on request.

export interface Version {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

export interface ModuleRow {
  generation: number;
  name: string;
  mvid: string | null;
}

/** The Assembly table's single row: the identity of this assembly. */
export interface AssemblyIdentity {
  name: string;
  version: Version;
  culture: string;
  flags: number;
  hashAlgId: number;
  publicKey: Uint8Array;
}

export interface AssemblyRefRow {
  rid: number;
  token: number;
  name: string;
  version: Version;
  culture: string;
  flags: number;
  publicKeyOrToken: Uint8Array;
}

export interface TypeRefRow {
  rid: number;
  token: number;
  /** Module, ModuleRef, AssemblyRef or TypeRef (enclosing type) token; rid 0 means "look in ExportedType". */
  resolutionScope: number;
  name: string;
  namespace: string;
}

export interface TypeDefRow {
  rid: number;
  token: number;
  flags: number;
  name: string;
  namespace: string;
  /** TypeDef/TypeRef/TypeSpec token of the base type; rid 0 for none (interfaces, System.Object). */
  extends: number;
  /** First Field list index (see Assembly.typeDefFields for the resolved range). */
  fieldList: number;
  /** First MethodDef list index (see Assembly.typeDefMethods). */
  methodList: number;
}

export interface FieldRow {
  rid: number;
  token: number;
  flags: number;
  name: string;
  /** #Blob index of the FieldSig. */
  signature: number;
}

export interface MethodDefRow {
  rid: number;
  token: number;
  /** RVA of the body; 0 for abstract, runtime-implemented and extern methods. */
  rva: number;
  implFlags: number;
  flags: number;
  name: string;
  /** #Blob index of the MethodDefSig. */
  signature: number;
  paramList: number;
}

export interface ParamRow {
  rid: number;
  token: number;
  flags: number;
  /** 0 for the return value, 1… for parameters. */
  sequence: number;
  name: string;
}

export interface MemberRefRow {
  rid: number;
  token: number;
  /** TypeDef, TypeRef, ModuleRef, MethodDef or TypeSpec token. */
  parent: number;
  name: string;
  signature: number;
}

export interface InterfaceImplRow {
  rid: number;
  /** TypeDef row id of the implementing class. */
  classRid: number;
  /** TypeDef/TypeRef/TypeSpec token of the interface. */
  interface: number;
}

export interface ConstantRow {
  rid: number;
  /** Element type of the value (ELEMENT_TYPE_*, CLASS for null). */
  type: number;
  parent: number;
  /** #Blob index of the value. */
  value: number;
}

export interface CustomAttributeRow {
  rid: number;
  token: number;
  /** The annotated entity's token. */
  parent: number;
  /** MethodDef or MemberRef token of the attribute constructor. */
  constructor: number;
  /** #Blob index of the value. */
  value: number;
}

export interface ClassLayoutRow {
  packingSize: number;
  classSize: number;
}

export interface PropertyRow {
  rid: number;
  token: number;
  flags: number;
  name: string;
  signature: number;
}

export interface EventRow {
  rid: number;
  token: number;
  flags: number;
  name: string;
  eventType: number;
}

export interface MethodSemanticsRow {
  rid: number;
  semantics: number;
  methodRid: number;
  /** Event or Property token. */
  association: number;
}

export interface MethodImplRow {
  rid: number;
  classRid: number;
  /** MethodDef or MemberRef token of the implementing method. */
  body: number;
  /** MethodDef or MemberRef token of the implemented declaration. */
  declaration: number;
}

export interface ModuleRefRow {
  rid: number;
  token: number;
  name: string;
}

export interface TypeSpecRow {
  rid: number;
  token: number;
  signature: number;
}

export interface ImplMapRow {
  rid: number;
  mappingFlags: number;
  /** Field or MethodDef token. */
  memberForwarded: number;
  importName: string;
  importScopeRid: number;
}

export interface FileRow {
  rid: number;
  token: number;
  flags: number;
  name: string;
  hashValue: Uint8Array;
}

export interface ExportedTypeRow {
  rid: number;
  token: number;
  flags: number;
  typeDefId: number;
  name: string;
  namespace: string;
  /** File, AssemblyRef or ExportedType (enclosing) token. */
  implementation: number;
}

export interface ManifestResourceRow {
  rid: number;
  token: number;
  offset: number;
  flags: number;
  name: string;
  implementation: number;
}

export interface GenericParamRow {
  rid: number;
  token: number;
  number: number;
  flags: number;
  /** TypeDef or MethodDef token. */
  owner: number;
  name: string;
}

export interface MethodSpecRow {
  rid: number;
  token: number;
  /** MethodDef or MemberRef token of the generic method. */
  method: number;
  instantiation: number;
}

export interface StandAloneSigRow {
  rid: number;
  token: number;
  signature: number;
}
