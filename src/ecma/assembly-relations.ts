import { AssemblyRows } from './assembly-rows.js';
import { CaC, TypeDefC, TypeRefC } from './columns.js';
import { decodeConstant, type ConstantValue } from './constant-value.js';
import { formatTypeSig } from './signatures/format.js';
import type { TypeSig } from './signatures/sig-types.js';
import type * as R from './rows.js';
import { TableId as T } from './tables/table-ids.js';
import { describeToken, makeToken, tokenRid, tokenTable } from './tables/tokens.js';

/**
 * How rows relate: nesting, generic parameters, interfaces, layout, constants,
 * attributes and semantics by parent; type names and lookup by name.
 */
export abstract class AssemblyRelations extends AssemblyRows {
  private readonly fullNames = new Map<number, string>();
  private readonly typeRefNames = new Map<number, string>();
  private topLevelTypes: Map<string, number> | undefined;
  private nestedByEnclosing: Map<number, Map<string, number>> | undefined;

  /** The type a TypeSpec row describes (decoded by Assembly). */
  abstract typeSpecSignature(typeSpecRid: number): TypeSig;

  // ---- relationships --------------------------------------------------------

  /** Enclosing TypeDef row id of a nested type, or 0. */
  enclosingType(typeDefRid: number): number {
    const nc = this.lookup(T.NestedClass, 0).first(typeDefRid);
    return nc ? this.table(T.NestedClass).get(nc, 1) : 0;
  }

  /** TypeDef row ids of the types nested directly in this one. */
  nestedTypes(typeDefRid: number): number[] {
    const nc = this.table(T.NestedClass);
    return this.lookup(T.NestedClass, 1).find(typeDefRid).map((r) => nc.get(r, 0));
  }

  /** GenericParam row ids of a TypeDef or MethodDef token, ordered by number. */
  genericParams(ownerToken: number): number[] {
    const t = this.table(T.GenericParam);
    return [...this.lookup(T.GenericParam, 2).find(ownerToken)].sort((a, b) => t.get(a, 0) - t.get(b, 0));
  }

  /** Constraint tokens (TypeDef/TypeRef/TypeSpec) of a generic parameter. */
  genericParamConstraints(genericParamRid: number): number[] {
    const t = this.table(T.GenericParamConstraint);
    return this.lookup(T.GenericParamConstraint, 0).find(genericParamRid).map((r) => t.get(r, 1));
  }

  /** Interface tokens a type declares it implements, in table order. */
  interfaces(typeDefRid: number): number[] {
    const t = this.table(T.InterfaceImpl);
    return this.lookup(T.InterfaceImpl, 0).find(typeDefRid).map((r) => t.get(r, 1));
  }

  /** InterfaceImpl row ids of a type (custom attributes can hang off them). */
  interfaceImplRows(typeDefRid: number): readonly number[] {
    return this.lookup(T.InterfaceImpl, 0).find(typeDefRid);
  }

  /** Packing size and class size from ClassLayout, if the type has a row. */
  classLayout(typeDefRid: number): R.ClassLayoutRow | undefined {
    const r = this.lookup(T.ClassLayout, 2).first(typeDefRid);
    if (!r) return undefined;
    const t = this.table(T.ClassLayout);
    return { packingSize: t.get(r, 0), classSize: t.get(r, 1) };
  }

  /** Explicit field offset from FieldLayout, if any. */
  fieldOffset(fieldRid: number): number | undefined {
    const r = this.lookup(T.FieldLayout, 1).first(fieldRid);
    return r ? this.table(T.FieldLayout).get(r, 0) : undefined;
  }

  /** RVA of a field's initial data (FieldRVA), if any. */
  fieldRva(fieldRid: number): number | undefined {
    const r = this.lookup(T.FieldRVA, 1).first(fieldRid);
    return r ? this.table(T.FieldRVA).get(r, 0) : undefined;
  }

  /** `size` bytes of a field's initial data (a view on the file). */
  fieldInitialData(fieldRid: number, size: number): Uint8Array {
    const rva = this.fieldRva(fieldRid);
    if (rva === undefined) this.file.fail(`${describeToken(makeToken(T.Field, fieldRid))} has no FieldRVA row`);
    const off = this.pe.rvaToOffset(rva, size, `initial data of ${describeToken(makeToken(T.Field, fieldRid))}`);
    return this.bytes.subarray(off, off + size);
  }

  /** Default value of a Field, Param or Property token: element type and value bytes. */
  constant(parentToken: number): { type: number; value: Uint8Array } | undefined {
    const r = this.lookup(T.Constant, 2).first(parentToken);
    if (!r) return undefined;
    const t = this.table(T.Constant);
    return { type: t.get(r, 0), value: this.blobs.get(t.get(r, 3)) };
  }

  /** Default value of a Field, Param or Property token, decoded; undefined if none or undecodable. */
  constantValue(parentToken: number): ConstantValue | undefined {
    const c = this.constant(parentToken);
    return c ? decodeConstant(c.type, c.value) : undefined;
  }

  /** Marshalling descriptor blob of a Field or Param token, if any. */
  fieldMarshal(parentToken: number): Uint8Array | undefined {
    const r = this.lookup(T.FieldMarshal, 0).first(parentToken);
    return r ? this.blobs.get(this.table(T.FieldMarshal).get(r, 1)) : undefined;
  }

  /** CustomAttribute row ids attached to `parentToken`. */
  customAttributes(parentToken: number): readonly number[] {
    return this.lookup(T.CustomAttribute, CaC.Parent).find(parentToken);
  }

  /** MethodSemantics row ids of an Event or Property token. */
  semanticsOf(associationToken: number): readonly number[] {
    return this.lookup(T.MethodSemantics, 2).find(associationToken);
  }

  /** MethodImpl row ids of a type (explicit overrides). */
  methodImpls(typeDefRid: number): readonly number[] {
    return this.lookup(T.MethodImpl, 0).find(typeDefRid);
  }

  /** ImplMap (P/Invoke) row id of a MethodDef or Field token, or 0. */
  implMapOf(memberToken: number): number {
    return this.lookup(T.ImplMap, 1).first(memberToken);
  }

  // ---- names ----------------------------------------------------------------

  /** `Namespace.Name`, with `Outer/Inner` for nested types. */
  typeDefFullName(rid: number): string {
    return this.nestedName(this.fullNames, rid, T.TypeDef, (r) => this.enclosingType(r), (r) => {
      const t = this.table(T.TypeDef);
      return [this.strings.get(t.get(r, TypeDefC.Ns)), this.strings.get(t.get(r, TypeDefC.Name))];
    });
  }

  /** `Namespace.Name` (or `Outer/Inner`) of a TypeRef, without the scope. */
  typeRefFullName(rid: number): string {
    return this.nestedName(this.typeRefNames, rid, T.TypeRef, (r) => {
      const scope = this.table(T.TypeRef).get(r, TypeRefC.Scope);
      return tokenTable(scope) === T.TypeRef ? tokenRid(scope) : 0;
    }, (r) => {
      const t = this.table(T.TypeRef);
      return [this.strings.get(t.get(r, TypeRefC.Ns)), this.strings.get(t.get(r, TypeRefC.Name))];
    });
  }

  /**
   * Joins the names of a nesting chain with `/`. Every name on the chain is
   * cached, so naming all types costs one visit per row even for hostile
   * chains; a chain longer than the table is a cycle.
   */
  private nestedName(cache: Map<number, string>, rid: number, table: number, enclosingOf: (rid: number) => number, parts: (rid: number) => [string, string]): string {
    const known = cache.get(rid);
    if (known !== undefined) return known;
    const chain: number[] = [];
    let cur = rid;
    let prefix = '';
    while (cur !== 0) {
      const cached = cache.get(cur);
      if (cached !== undefined) {
        prefix = cached;
        break;
      }
      if (chain.length > this.rowCount(table)) this.file.fail(`nesting cycle at ${describeToken(makeToken(table, rid))}`);
      chain.push(cur);
      cur = enclosingOf(cur);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const [ns, name] = parts(chain[i]!);
      // Only the outermost type's namespace is part of the name.
      prefix = prefix ? `${prefix}/${name}` : ns ? `${ns}.${name}` : name;
      cache.set(chain[i]!, prefix);
    }
    return prefix;
  }

  /** Display name of a TypeDef, TypeRef or TypeSpec token (signatures, messages). */
  typeName(token: number): string {
    const rid = tokenRid(token);
    switch (tokenTable(token)) {
      case T.TypeDef:
        return rid ? this.typeDefFullName(rid) : '<nil>';
      case T.TypeRef: {
        const scope = this.typeRef(rid).resolutionScope;
        const prefix = tokenTable(scope) === T.AssemblyRef && tokenRid(scope) ? `[${this.assemblyRef(tokenRid(scope)).name}]` : '';
        return prefix + this.typeRefFullName(rid);
      }
      case T.TypeSpec:
        return formatTypeSig(this.typeSpecSignature(rid), (t) => this.typeName(t));
      default:
        return describeToken(token);
    }
  }

  /** Row id of the top-level TypeDef `namespace.name`, or 0. */
  findTypeDef(namespace: string, name: string): number {
    if (!this.topLevelTypes) {
      const map = new Map<string, number>();
      const t = this.table(T.TypeDef);
      for (let rid = 1; rid <= t.rowCount; rid++) {
        if (this.enclosingType(rid)) continue;
        const key = `${this.strings.get(t.get(rid, TypeDefC.Ns))}\0${this.strings.get(t.get(rid, TypeDefC.Name))}`;
        if (!map.has(key)) map.set(key, rid);
      }
      this.topLevelTypes = map;
    }
    return this.topLevelTypes.get(`${namespace}\0${name}`) ?? 0;
  }

  /** Row id of the type `name` nested directly in `enclosingRid`, or 0. */
  findNestedType(enclosingRid: number, name: string): number {
    if (!this.nestedByEnclosing) {
      const map = new Map<number, Map<string, number>>();
      const nc = this.table(T.NestedClass);
      for (let r = 1; r <= nc.rowCount; r++) {
        const nested = nc.get(r, 0);
        const enclosing = nc.get(r, 1);
        let byName = map.get(enclosing);
        if (!byName) map.set(enclosing, (byName = new Map()));
        const n = this.strings.get(this.table(T.TypeDef).get(nested, TypeDefC.Name));
        if (!byName.has(n)) byName.set(n, nested);
      }
      this.nestedByEnclosing = map;
    }
    return this.nestedByEnclosing.get(enclosingRid)?.get(name) ?? 0;
  }

  /** Finds a type by `Namespace.Name` or `Namespace.Outer/Inner` (also `+` for nesting); 0 if absent. */
  findTypeDefByFullName(fullName: string): number {
    const parts = fullName.split(/[/+]/);
    const outer = parts[0]!;
    const dot = outer.lastIndexOf('.');
    let rid = this.findTypeDef(dot < 0 ? '' : outer.slice(0, dot), dot < 0 ? outer : outer.slice(dot + 1));
    for (let i = 1; i < parts.length && rid; i++) rid = this.findNestedType(rid, parts[i]!);
    return rid;
  }
}
