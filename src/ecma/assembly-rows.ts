import { hex } from './errors.js';
import { MetadataImage } from './metadata-image.js';
import type * as R from './rows.js';
import { RowLookup } from './tables/row-lookup.js';
import { TableId as T } from './tables/table-ids.js';
import { describeToken, makeToken } from './tables/tokens.js';
import { CaC, FieldC, MemberRefC, MethodC, TypeDefC, TypeRefC } from './columns.js';

/**
 * Typed rows of every table the engine uses, member lists (through the *Ptr
 * tables of #- streams) and lookups of rows by a parent column.
 */
export class AssemblyRows extends MetadataImage {
  private readonly lookups = new Map<string, RowLookup>();
  private methodOwners: Uint32Array | undefined;
  private fieldOwners: Uint32Array | undefined;

  // ---- identity -------------------------------------------------------------

  /** Simple name: the Assembly row's name, or the module name for a bare module. */
  get name(): string {
    return this.rowCount(T.Assembly) ? this.assemblyIdentity()!.name : this.module().name.replace(/\.(dll|exe|netmodule)$/i, '');
  }

  module(): R.ModuleRow {
    const t = this.table(T.Module);
    if (t.rowCount === 0) this.file.fail('metadata has no Module row');
    return { generation: t.get(1, 0), name: this.strings.get(t.get(1, 1)), mvid: this.guids.get(t.get(1, 2)) };
  }

  /** The Assembly row, or undefined for a module without a manifest. */
  assemblyIdentity(): R.AssemblyIdentity | undefined {
    if (this.rowCount(T.Assembly) === 0) return undefined;
    const r = this.row('Assembly', 1);
    return {
      name: this.strings.get(r.Name),
      version: { major: r.MajorVersion, minor: r.MinorVersion, build: r.BuildNumber, revision: r.RevisionNumber },
      culture: this.strings.get(r.Culture),
      flags: r.Flags,
      hashAlgId: r.HashAlgId,
      publicKey: this.blobs.get(r.PublicKey),
    };
  }

  assemblyRef(rid: number): R.AssemblyRefRow {
    const r = this.row('AssemblyRef', rid);
    return {
      rid,
      token: makeToken(T.AssemblyRef, rid),
      name: this.strings.get(r.Name),
      version: { major: r.MajorVersion, minor: r.MinorVersion, build: r.BuildNumber, revision: r.RevisionNumber },
      culture: this.strings.get(r.Culture),
      flags: r.Flags,
      publicKeyOrToken: this.blobs.get(r.PublicKeyOrToken),
    };
  }

  /** MethodDef token of the entry point, or 0. */
  get entryPointToken(): number {
    return this.cliHeader.entryPointToken;
  }

  // ---- typed rows -----------------------------------------------------------

  typeRef(rid: number): R.TypeRefRow {
    const t = this.table(T.TypeRef);
    return {
      rid,
      token: makeToken(T.TypeRef, rid),
      resolutionScope: t.get(rid, TypeRefC.Scope),
      name: this.strings.get(t.get(rid, TypeRefC.Name)),
      namespace: this.strings.get(t.get(rid, TypeRefC.Ns)),
    };
  }

  typeDef(rid: number): R.TypeDefRow {
    const t = this.table(T.TypeDef);
    return {
      rid,
      token: makeToken(T.TypeDef, rid),
      flags: t.get(rid, TypeDefC.Flags),
      name: this.strings.get(t.get(rid, TypeDefC.Name)),
      namespace: this.strings.get(t.get(rid, TypeDefC.Ns)),
      extends: t.get(rid, TypeDefC.Extends),
      fieldList: t.get(rid, TypeDefC.FieldList),
      methodList: t.get(rid, TypeDefC.MethodList),
    };
  }

  field(rid: number): R.FieldRow {
    const t = this.table(T.Field);
    return {
      rid,
      token: makeToken(T.Field, rid),
      flags: t.get(rid, FieldC.Flags),
      name: this.strings.get(t.get(rid, FieldC.Name)),
      signature: t.get(rid, FieldC.Sig),
    };
  }

  methodDef(rid: number): R.MethodDefRow {
    const t = this.table(T.MethodDef);
    return {
      rid,
      token: makeToken(T.MethodDef, rid),
      rva: t.get(rid, MethodC.RVA),
      implFlags: t.get(rid, MethodC.ImplFlags),
      flags: t.get(rid, MethodC.Flags),
      name: this.strings.get(t.get(rid, MethodC.Name)),
      signature: t.get(rid, MethodC.Sig),
      paramList: t.get(rid, MethodC.ParamList),
    };
  }

  param(rid: number): R.ParamRow {
    const r = this.row('Param', rid);
    return { rid, token: makeToken(T.Param, rid), flags: r.Flags, sequence: r.Sequence, name: this.strings.get(r.Name) };
  }

  memberRef(rid: number): R.MemberRefRow {
    const t = this.table(T.MemberRef);
    return {
      rid,
      token: makeToken(T.MemberRef, rid),
      parent: t.get(rid, MemberRefC.Parent),
      name: this.strings.get(t.get(rid, MemberRefC.Name)),
      signature: t.get(rid, MemberRefC.Sig),
    };
  }

  interfaceImpl(rid: number): R.InterfaceImplRow {
    const r = this.row('InterfaceImpl', rid);
    return { rid, classRid: r.Class, interface: r.Interface };
  }

  customAttribute(rid: number): R.CustomAttributeRow {
    const t = this.table(T.CustomAttribute);
    return {
      rid,
      token: makeToken(T.CustomAttribute, rid),
      parent: t.get(rid, CaC.Parent),
      constructor: t.get(rid, CaC.Type),
      value: t.get(rid, CaC.Value),
    };
  }

  property(rid: number): R.PropertyRow {
    const r = this.row('Property', rid);
    return { rid, token: makeToken(T.Property, rid), flags: r.Flags, name: this.strings.get(r.Name), signature: r.Type };
  }

  event(rid: number): R.EventRow {
    const r = this.row('Event', rid);
    return { rid, token: makeToken(T.Event, rid), flags: r.EventFlags, name: this.strings.get(r.Name), eventType: r.EventType };
  }

  moduleRef(rid: number): R.ModuleRefRow {
    return { rid, token: makeToken(T.ModuleRef, rid), name: this.strings.get(this.row('ModuleRef', rid).Name) };
  }

  typeSpec(rid: number): R.TypeSpecRow {
    return { rid, token: makeToken(T.TypeSpec, rid), signature: this.row('TypeSpec', rid).Signature };
  }

  standAloneSig(rid: number): R.StandAloneSigRow {
    return { rid, token: makeToken(T.StandAloneSig, rid), signature: this.row('StandAloneSig', rid).Signature };
  }

  methodSpec(rid: number): R.MethodSpecRow {
    const r = this.row('MethodSpec', rid);
    return { rid, token: makeToken(T.MethodSpec, rid), method: r.Method, instantiation: r.Instantiation };
  }

  genericParam(rid: number): R.GenericParamRow {
    const r = this.row('GenericParam', rid);
    return {
      rid,
      token: makeToken(T.GenericParam, rid),
      number: r.Number,
      flags: r.Flags,
      owner: r.Owner,
      name: this.strings.get(r.Name),
    };
  }

  fileRow(rid: number): R.FileRow {
    const r = this.row('File', rid);
    return { rid, token: makeToken(T.File, rid), flags: r.Flags, name: this.strings.get(r.Name), hashValue: this.blobs.get(r.HashValue) };
  }

  exportedType(rid: number): R.ExportedTypeRow {
    const r = this.row('ExportedType', rid);
    return {
      rid,
      token: makeToken(T.ExportedType, rid),
      flags: r.Flags,
      typeDefId: r.TypeDefId,
      name: this.strings.get(r.TypeName),
      namespace: this.strings.get(r.TypeNamespace),
      implementation: r.Implementation,
    };
  }

  manifestResource(rid: number): R.ManifestResourceRow {
    const r = this.row('ManifestResource', rid);
    return {
      rid,
      token: makeToken(T.ManifestResource, rid),
      offset: r.Offset,
      flags: r.Flags,
      name: this.strings.get(r.Name),
      implementation: r.Implementation,
    };
  }

  methodImpl(rid: number): R.MethodImplRow {
    const r = this.row('MethodImpl', rid);
    return { rid, classRid: r.Class, body: r.MethodBody, declaration: r.MethodDeclaration };
  }

  methodSemantics(rid: number): R.MethodSemanticsRow {
    const r = this.row('MethodSemantics', rid);
    return { rid, semantics: r.Semantics, methodRid: r.Method, association: r.Association };
  }

  implMap(rid: number): R.ImplMapRow {
    const r = this.row('ImplMap', rid);
    return {
      rid,
      mappingFlags: r.MappingFlags,
      memberForwarded: r.MemberForwarded,
      importName: this.strings.get(r.ImportName),
      importScopeRid: r.ImportScope,
    };
  }

  // ---- member lists (through the *Ptr tables of #- streams) -----------------

  /** Field row ids of a type, in declaration order. */
  typeDefFields(typeDefRid: number): number[] {
    return this.list(T.TypeDef, TypeDefC.FieldList, typeDefRid, T.Field, T.FieldPtr);
  }

  /** MethodDef row ids of a type, in declaration order. */
  typeDefMethods(typeDefRid: number): number[] {
    return this.list(T.TypeDef, TypeDefC.MethodList, typeDefRid, T.MethodDef, T.MethodPtr);
  }

  /** Param row ids of a method (sequence 0 is the return value when present). */
  methodParams(methodRid: number): number[] {
    return this.list(T.MethodDef, MethodC.ParamList, methodRid, T.Param, T.ParamPtr);
  }

  /** Property row ids of a type. */
  typeDefProperties(typeDefRid: number): number[] {
    const map = this.lookup(T.PropertyMap, 0).first(typeDefRid);
    return map ? this.list(T.PropertyMap, 1, map, T.Property, T.PropertyPtr) : [];
  }

  /** Event row ids of a type. */
  typeDefEvents(typeDefRid: number): number[] {
    const map = this.lookup(T.EventMap, 0).first(typeDefRid);
    return map ? this.list(T.EventMap, 1, map, T.Event, T.EventPtr) : [];
  }

  /** TypeDef row id declaring a method (0 if none claims it). */
  declaringTypeOfMethod(methodRid: number): number {
    this.methodOwners ??= this.owners(T.TypeDef, TypeDefC.MethodList, T.MethodDef, T.MethodPtr);
    return this.methodOwners[methodRid] ?? 0;
  }

  /** TypeDef row id declaring a field (0 if none claims it). */
  declaringTypeOfField(fieldRid: number): number {
    this.fieldOwners ??= this.owners(T.TypeDef, TypeDefC.FieldList, T.Field, T.FieldPtr);
    return this.fieldOwners[fieldRid] ?? 0;
  }

  /** Row ids of a list column's range: from this row's value up to the next row's. */
  private list(owner: number, column: number, rid: number, target: number, ptr: number): number[] {
    const { start, end } = this.listBounds(owner, column, rid, target, ptr);
    const out: number[] = [];
    if (this.rowCount(ptr) > 0) {
      const ptrTable = this.table(ptr);
      for (let i = start; i < end; i++) out.push(ptrTable.get(i, 0));
    } else {
      for (let i = start; i < end; i++) out.push(i);
    }
    return out;
  }

  /** [start, end) of a list column's range in the target (or its Ptr) table. */
  private listBounds(owner: number, column: number, rid: number, target: number, ptr: number): { start: number; end: number } {
    const ownerTable = this.table(owner);
    const ptrCount = this.rowCount(ptr);
    const limit = (ptrCount > 0 ? ptrCount : this.rowCount(target)) + 1;
    const startValue = ownerTable.get(rid, column);
    // Writers use 0 for "empty" when the target table has no rows.
    const start = Math.max(1, startValue);
    if (start > limit) {
      this.file.fail(
        `${describeToken(makeToken(owner, rid))} ${ownerTable.columns[column]!.name} ${hex(startValue)} out of range (${this.table(target).name} has ${this.rowCount(target)} rows)`,
      );
    }
    const end = rid < ownerTable.rowCount ? Math.min(Math.max(1, ownerTable.get(rid + 1, column)), limit) : limit;
    return { start, end: Math.max(start, end) };
  }

  /**
   * Owner of every member row. Ranges are clamped to start where the previous
   * one ended, so overlapping (invalid) lists cost no more than valid ones.
   */
  private owners(owner: number, column: number, target: number, ptr: number): Uint32Array {
    const owners = new Uint32Array(this.rowCount(target) + 1);
    const ownerTable = this.table(owner);
    const ptrCount = this.rowCount(ptr);
    const ptrTable = this.table(ptr);
    let done = 1;
    for (let o = 1; o <= ownerTable.rowCount; o++) {
      const { start, end } = this.listBounds(owner, column, o, target, ptr);
      for (let i = Math.max(start, done); i < end; i++) {
        const member = ptrCount > 0 ? ptrTable.get(i, 0) : i;
        if (member < owners.length) owners[member] = o;
      }
      done = Math.max(done, end);
    }
    return owners;
  }

  // ---- lookups ------------------------------------------------------------

  /** Rows of `table` whose `column` equals `key` (token or row id). */
  rowsWhere(table: number, column: number, key: number): readonly number[] {
    return this.lookup(table, column).find(key);
  }

  protected lookup(table: number, column: number): RowLookup {
    const k = `${table}:${column}`;
    let l = this.lookups.get(k);
    if (!l) this.lookups.set(k, (l = new RowLookup(this.table(table), column)));
    return l;
  }
}
