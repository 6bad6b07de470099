import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Assembly, type EnumTypeResolver } from '../assembly.js';
import { ResolutionError } from '../errors.js';
import { SignatureHeader } from '../signatures/element-type.js';
import { methodSigsEqual, typeSigsEqual } from '../signatures/compare.js';
import type { TypeSig } from '../signatures/sig-types.js';
import { TableId as T } from '../tables/table-ids.js';
import { describeToken, tokenRid, tokenTable } from '../tables/tokens.js';
import type { FieldHandle, MethodHandle, ResolvedMember, TypeHandle } from './handles.js';
import { parseTypeName } from './type-name.js';

export interface AssemblyResolverOptions {
  /** Directories searched, in order, for `<name>.dll` / `<name>.exe`. */
  searchDirectories?: string[];
  /** Also look next to the assembly that holds the reference (default true). */
  searchRequesterDirectory?: boolean;
}

/** Forwarders may chain; a longer chain than this is a loop. */
const MAX_FORWARDING = 32;
/** Base-type walks stop after this many steps (hostile cyclic hierarchies). */
const MAX_HIERARCHY = 256;

/**
 * Loads assemblies by simple name from a search path, caches them, and follows
 * references between them: TypeRef → TypeDef (through AssemblyRef, ModuleRef,
 * enclosing TypeRefs and ExportedType forwarders) and MemberRef → MethodDef /
 * Field (by name and structurally compared signature).
 */
export class AssemblyResolver implements EnumTypeResolver {
  readonly searchDirectories: string[];
  private readonly searchRequesterDirectory: boolean;
  private readonly byName = new Map<string, Assembly>();
  private readonly byPath = new Map<string, Assembly>();
  private readonly typeCache = new WeakMap<Assembly, Map<number, TypeHandle>>();
  private readonly memberCache = new WeakMap<Assembly, Map<number, ResolvedMember>>();
  private readonly exportedIndex = new WeakMap<Assembly, Map<string, number>>();

  constructor(options: AssemblyResolverOptions = {}) {
    this.searchDirectories = [...(options.searchDirectories ?? [])];
    this.searchRequesterDirectory = options.searchRequesterDirectory ?? true;
  }

  // ---- assemblies -----------------------------------------------------------

  /** Opens `path` (once) and registers it under its simple name. */
  load(path: string): Assembly {
    const cached = this.byPath.get(path);
    if (cached) return cached;
    return this.add(Assembly.open(path));
  }

  /** Registers an already opened assembly; the first one with a given name wins. */
  add(assembly: Assembly): Assembly {
    this.byPath.set(assembly.path, assembly);
    const key = assembly.name.toLowerCase();
    const existing = this.byName.get(key);
    if (existing) return existing;
    this.byName.set(key, assembly);
    return assembly;
  }

  /** Every assembly loaded so far. */
  loaded(): Assembly[] {
    return [...this.byName.values()];
  }

  /** The assembly with this simple name, loading it from the search path if needed. */
  resolveAssemblyName(name: string, requester: Assembly, what: string): Assembly {
    const found = this.byName.get(name.toLowerCase());
    if (found) return found;
    const dirs = this.directoriesFor(requester);
    for (const dir of dirs) {
      for (const ext of ['.dll', '.exe']) {
        const candidate = join(dir, name + ext);
        if (isFile(candidate)) {
          const asm = this.load(candidate);
          // A file whose manifest names a different assembly does not satisfy the reference.
          if (asm.name.toLowerCase() === name.toLowerCase()) return asm;
        }
      }
    }
    throw new ResolutionError(
      requester.path,
      `cannot resolve ${what}: assembly ${name} not found (searched ${dirs.length ? dirs.join(', ') : 'no directories'})`,
    );
  }

  resolveAssemblyRef(asm: Assembly, assemblyRefRid: number, what?: string): Assembly {
    const ref = asm.assemblyRef(assemblyRefRid);
    return this.resolveAssemblyName(ref.name, asm, what ?? `AssemblyRef ${ref.name}`);
  }

  /** Another module of a multi-module assembly, found next to `asm`. */
  resolveModuleFile(asm: Assembly, fileName: string, what: string): Assembly {
    const path = join(dirname(asm.path), fileName);
    const cached = this.byPath.get(path);
    if (cached) return cached;
    if (!isFile(path)) throw new ResolutionError(asm.path, `cannot resolve ${what}: module ${fileName} not found next to it`);
    const module = Assembly.open(path);
    this.byPath.set(path, module);
    return module;
  }

  private directoriesFor(requester: Assembly): string[] {
    const dirs = [...this.searchDirectories];
    if (this.searchRequesterDirectory) {
      const own = dirname(requester.path);
      if (!dirs.includes(own)) dirs.push(own);
    }
    return dirs;
  }

  // ---- types ----------------------------------------------------------------

  /**
   * The definition a TypeDef, TypeRef or TypeSpec token names. A TypeSpec of a
   * generic instantiation resolves to the generic type definition; other
   * TypeSpecs (arrays, pointers, generic parameters) have no definition.
   */
  resolveType(asm: Assembly, token: number): TypeHandle {
    const rid = tokenRid(token);
    switch (tokenTable(token)) {
      case T.TypeDef:
        asm.table(T.TypeDef).checkRid(rid);
        return { assembly: asm, rid };
      case T.TypeRef:
        return this.resolveTypeRef(asm, rid);
      case T.TypeSpec: {
        const sig = asm.typeSpecSignature(rid);
        if (sig.kind === 'genericinst') return this.resolveType(asm, sig.genericType);
        if (sig.kind === 'class' || sig.kind === 'valuetype') return this.resolveType(asm, sig.token);
        throw new ResolutionError(asm.path, `${describeToken(token)} (${asm.typeName(token)}) has no type definition`);
      }
    }
    throw new ResolutionError(asm.path, `${describeToken(token)} is not a type token`);
  }

  resolveTypeRef(asm: Assembly, typeRefRid: number): TypeHandle {
    let cache = this.typeCache.get(asm);
    if (!cache) this.typeCache.set(asm, (cache = new Map()));
    const cached = cache.get(typeRefRid);
    if (cached) return cached;
    const handle = this.resolveTypeRefUncached(asm, typeRefRid, 0);
    cache.set(typeRefRid, handle);
    return handle;
  }

  private resolveTypeRefUncached(asm: Assembly, rid: number, depth: number): TypeHandle {
    const ref = asm.typeRef(rid);
    const what = `${describeToken(ref.token)} ${asm.typeRefFullName(rid)}`;
    const scope = ref.resolutionScope;
    const scopeRid = tokenRid(scope);
    if (depth > MAX_FORWARDING) throw new ResolutionError(asm.path, `cannot resolve ${what}: nesting too deep`);
    if (scopeRid === 0) {
      // A nil scope means the type is listed in this assembly's ExportedType table.
      return this.findTypeInAssembly(asm, ref.namespace, ref.name, asm, what, 0);
    }
    switch (tokenTable(scope)) {
      case T.Module:
        return this.findTypeInAssembly(asm, ref.namespace, ref.name, asm, what, 0);
      case T.ModuleRef: {
        const module = this.resolveModuleFile(asm, asm.moduleRef(scopeRid).name, what);
        return this.findTypeInAssembly(module, ref.namespace, ref.name, asm, what, 0);
      }
      case T.AssemblyRef: {
        const target = this.resolveAssemblyRef(asm, scopeRid, what);
        return this.findTypeInAssembly(target, ref.namespace, ref.name, asm, what, 0);
      }
      case T.TypeRef: {
        const enclosing = this.resolveTypeRefUncached(asm, scopeRid, depth + 1);
        const nested = enclosing.assembly.findNestedType(enclosing.rid, ref.name);
        if (!nested) {
          throw new ResolutionError(asm.path, `cannot resolve ${what}: ${enclosing.assembly.typeDefFullName(enclosing.rid)} in ${enclosing.assembly.path} has no nested type ${ref.name}`);
        }
        return { assembly: enclosing.assembly, rid: nested };
      }
    }
    throw new ResolutionError(asm.path, `cannot resolve ${what}: bad resolution scope ${describeToken(scope)}`);
  }

  /** A top-level type by namespace and name in `target`, following forwarders. */
  findTypeInAssembly(target: Assembly, namespace: string, name: string, requester: Assembly, what: string, depth: number): TypeHandle {
    if (depth > MAX_FORWARDING) throw new ResolutionError(requester.path, `cannot resolve ${what}: type forwarding loop`);
    const rid = target.findTypeDef(namespace, name);
    if (rid) return { assembly: target, rid };
    const exported = this.exportedTypeIndex(target).get(`${namespace}\0${name}`);
    if (exported) return this.resolveExportedType(target, exported, requester, what, depth + 1);
    const full = namespace ? `${namespace}.${name}` : name;
    throw new ResolutionError(requester.path, `cannot resolve ${what}: ${target.path} defines no type ${full}`);
  }

  /** Where an ExportedType row leads: a forwarder's target assembly, another module, or an enclosing exported type. */
  resolveExportedType(asm: Assembly, rid: number, requester: Assembly, what: string, depth = 0): TypeHandle {
    if (depth > MAX_FORWARDING) throw new ResolutionError(requester.path, `cannot resolve ${what}: type forwarding loop`);
    const row = asm.exportedType(rid);
    const impl = row.implementation;
    const implRid = tokenRid(impl);
    switch (tokenTable(impl)) {
      case T.AssemblyRef: {
        const target = this.resolveAssemblyRef(asm, implRid, what);
        return this.findTypeInAssembly(target, row.namespace, row.name, requester, what, depth + 1);
      }
      case T.File: {
        const module = this.resolveModuleFile(asm, asm.fileRow(implRid).name, what);
        const found = module.findTypeDef(row.namespace, row.name);
        if (found) return { assembly: module, rid: found };
        break;
      }
      case T.ExportedType: {
        const enclosing = this.resolveExportedType(asm, implRid, requester, what, depth + 1);
        const nested = enclosing.assembly.findNestedType(enclosing.rid, row.name);
        if (nested) return { assembly: enclosing.assembly, rid: nested };
        break;
      }
    }
    throw new ResolutionError(requester.path, `cannot resolve ${what}: exported type ${row.namespace}.${row.name} of ${asm.path} leads nowhere`);
  }

  private exportedTypeIndex(asm: Assembly): Map<string, number> {
    let index = this.exportedIndex.get(asm);
    if (index) return index;
    index = new Map();
    for (let rid = 1; rid <= asm.rowCount(T.ExportedType); rid++) {
      const row = asm.exportedType(rid);
      if (tokenTable(row.implementation) === T.ExportedType) continue;
      const key = `${row.namespace}\0${row.name}`;
      if (!index.has(key)) index.set(key, rid);
    }
    this.exportedIndex.set(asm, index);
    return index;
  }

  /** A type from a serialized name (custom attributes); unqualified names look in `asm`, then its references. */
  resolveTypeName(asm: Assembly, typeName: string): TypeHandle {
    const parsed = parseTypeName(typeName);
    const what = `type name ${typeName}`;
    const candidates: Assembly[] = [];
    if (parsed.assemblyName) candidates.push(this.resolveAssemblyName(parsed.assemblyName, asm, what));
    else {
      candidates.push(asm);
      for (let r = 1; r <= asm.rowCount(T.AssemblyRef); r++) candidates.push(this.resolveAssemblyRef(asm, r, what));
    }
    for (const target of candidates) {
      let handle: TypeHandle | undefined;
      try {
        handle = this.findTypeInAssembly(target, parsed.namespace, parsed.names[0]!, asm, what, 0);
      } catch (err) {
        if (err instanceof ResolutionError && candidates.length > 1) continue;
        throw err;
      }
      for (const nestedName of parsed.names.slice(1)) {
        const nested: number = handle.assembly.findNestedType(handle.rid, nestedName);
        if (!nested) throw new ResolutionError(asm.path, `cannot resolve ${what}: no nested type ${nestedName}`);
        handle = { assembly: handle.assembly, rid: nested };
      }
      return handle;
    }
    throw new ResolutionError(asm.path, `cannot resolve ${what}: not found in ${asm.path} or its references`);
  }

  /** The base type's definition, or undefined for System.Object and interfaces. */
  resolveBaseType(type: TypeHandle): TypeHandle | undefined {
    const ext = type.assembly.typeDef(type.rid).extends;
    return tokenRid(ext) === 0 ? undefined : this.resolveType(type.assembly, ext);
  }

  /** True if two type tokens from (possibly) different assemblies name the same definition. */
  sameType(asmA: Assembly, tokenA: number, asmB: Assembly, tokenB: number): boolean {
    if (asmA === asmB && tokenA === tokenB) return true;
    const specA = tokenTable(tokenA) === T.TypeSpec;
    const specB = tokenTable(tokenB) === T.TypeSpec;
    if (specA || specB) {
      if (!(specA && specB)) return false;
      return this.sameTypeSig(asmA, asmA.typeSpecSignature(tokenRid(tokenA)), asmB, asmB.typeSpecSignature(tokenRid(tokenB)));
    }
    // Different simple names can never resolve to the same definition; skip loading.
    if (simpleName(asmA, tokenA) !== simpleName(asmB, tokenB)) return false;
    // The same full name in the same-named assembly is the same type, loaded or not
    // (forwarders are deterministic), so signatures compare without loading every
    // assembly they mention.
    const keyA = this.identityKey(asmA, tokenA);
    if (keyA !== undefined && keyA === this.identityKey(asmB, tokenB)) return true;
    const a = this.resolveType(asmA, tokenA);
    const b = this.resolveType(asmB, tokenB);
    return a.assembly === b.assembly && a.rid === b.rid;
  }

  /** `assembly|Namespace.Outer/Inner` of a TypeDef or TypeRef, when knowable without loading anything. */
  private identityKey(asm: Assembly, token: number): string | undefined {
    const rid = tokenRid(token);
    if (tokenTable(token) === T.TypeDef) {
      // Only for the assembly that owns its name here; a same-named duplicate is not it.
      const key = asm.name.toLowerCase();
      return this.byName.get(key) === asm ? `${key}|${asm.typeDefFullName(rid)}` : undefined;
    }
    if (tokenTable(token) !== T.TypeRef) return undefined;
    let outer = rid;
    for (let depth = 0; depth <= MAX_FORWARDING; depth++) {
      const scope = asm.typeRef(outer).resolutionScope;
      if (tokenTable(scope) === T.TypeRef && tokenRid(scope) !== 0) {
        outer = tokenRid(scope);
        continue;
      }
      if (tokenRid(scope) === 0) return undefined;
      let assemblyName: string;
      if (tokenTable(scope) === T.AssemblyRef) assemblyName = asm.assemblyRef(tokenRid(scope)).name;
      else if (tokenTable(scope) === T.Module && this.byName.get(asm.name.toLowerCase()) === asm) assemblyName = asm.name;
      else return undefined;
      return `${assemblyName.toLowerCase()}|${asm.typeRefFullName(rid)}`;
    }
    return undefined;
  }

  /** Structural equality of two type signatures from (possibly) different assemblies. */
  sameTypeSig(asmA: Assembly, a: TypeSig, asmB: Assembly, b: TypeSig): boolean {
    return typeSigsEqual(a, b, (x, y) => this.sameType(asmA, x, asmB, y));
  }

  // ---- members --------------------------------------------------------------

  /** The method a MethodDef, MemberRef or MethodSpec token calls (MethodSpec: its generic definition). */
  resolveMethod(asm: Assembly, token: number): MethodHandle {
    const rid = tokenRid(token);
    switch (tokenTable(token)) {
      case T.MethodDef:
        asm.table(T.MethodDef).checkRid(rid);
        return { assembly: asm, rid };
      case T.MethodSpec:
        return this.resolveMethod(asm, asm.methodSpec(rid).method);
      case T.MemberRef: {
        const m = this.resolveMemberRef(asm, rid);
        if (m.kind === 'method') return m.method;
        throw new ResolutionError(asm.path, `${describeToken(token)} ${asm.memberRef(rid).name} is ${m.kind === 'field' ? 'a field' : 'an array method'}, not a method definition`);
      }
    }
    throw new ResolutionError(asm.path, `${describeToken(token)} is not a method token`);
  }

  /** The field a Field or MemberRef token names. */
  resolveField(asm: Assembly, token: number): FieldHandle {
    const rid = tokenRid(token);
    if (tokenTable(token) === T.Field) {
      asm.table(T.Field).checkRid(rid);
      return { assembly: asm, rid };
    }
    if (tokenTable(token) === T.MemberRef) {
      const m = this.resolveMemberRef(asm, rid);
      if (m.kind === 'field') return m.field;
      throw new ResolutionError(asm.path, `${describeToken(token)} ${asm.memberRef(rid).name} is a method, not a field`);
    }
    throw new ResolutionError(asm.path, `${describeToken(token)} is not a field token`);
  }

  resolveMemberRef(asm: Assembly, memberRefRid: number): ResolvedMember {
    let cache = this.memberCache.get(asm);
    if (!cache) this.memberCache.set(asm, (cache = new Map()));
    let resolved = cache.get(memberRefRid);
    if (!resolved) {
      resolved = this.resolveMemberRefUncached(asm, memberRefRid);
      cache.set(memberRefRid, resolved);
    }
    return resolved;
  }

  private resolveMemberRefUncached(asm: Assembly, rid: number): ResolvedMember {
    const ref = asm.memberRef(rid);
    const sig = asm.memberRefSignature(rid);
    const parent = ref.parent;
    const parentRid = tokenRid(parent);
    const what = `${describeToken(ref.token)} ${ref.name}`;

    let owner: TypeHandle;
    switch (tokenTable(parent)) {
      case T.MethodDef:
        // A vararg call site: the MemberRef adds the extra arguments to a local MethodDef.
        return { kind: 'method', method: { assembly: asm, rid: parentRid } };
      case T.ModuleRef: {
        const module = this.resolveModuleFile(asm, asm.moduleRef(parentRid).name, what);
        owner = { assembly: module, rid: 1 }; // global members live on <Module>
        break;
      }
      case T.TypeSpec: {
        const spec = asm.typeSpecSignature(parentRid);
        if (spec.kind === 'szarray' || spec.kind === 'array') return { kind: 'arrayMethod', assembly: asm, memberRefRid: rid };
        owner = this.resolveType(asm, parent);
        break;
      }
      default:
        owner = this.resolveType(asm, parent);
    }

    // Walk up the hierarchy: compilers may name a derived type as the parent.
    let type: TypeHandle | undefined = owner;
    for (let steps = 0; type && steps < MAX_HIERARCHY; steps++) {
      const found = this.findMemberIn(asm, ref.name, sig, type);
      if (found) return found;
      type = this.resolveBaseType(type);
    }
    const kind = sig.kind === 'field' ? 'field' : 'method';
    throw new ResolutionError(asm.path, `cannot resolve ${what}: ${owner.assembly.typeDefFullName(owner.rid)} in ${owner.assembly.path} has no ${kind} ${ref.name} with that signature`);
  }

  private findMemberIn(asm: Assembly, name: string, sig: ReturnType<Assembly['memberRefSignature']>, type: TypeHandle): ResolvedMember | undefined {
    const target = type.assembly;
    const sameType = (a: number, b: number) => this.sameType(asm, a, target, b);
    if (sig.kind === 'field') {
      for (const f of target.typeDefFields(type.rid)) {
        if (target.field(f).name !== name) continue;
        if (typeSigsEqual(sig.type, target.fieldSignature(f), sameType)) return { kind: 'field', field: { assembly: target, rid: f } };
      }
      return undefined;
    }
    const vararg = sig.signature.callingConvention === SignatureHeader.VarArg;
    for (const m of target.typeDefMethods(type.rid)) {
      if (target.methodDef(m).name !== name) continue;
      if (methodSigsEqual(sig.signature, target.methodSignature(m), sameType, vararg)) {
        return { kind: 'method', method: { assembly: target, rid: m } };
      }
    }
    return undefined;
  }

  // ---- enums for custom attributes -----------------------------------------

  enumUnderlyingType(asm: Assembly, typeToken: number): number {
    const h = this.resolveType(asm, typeToken);
    return h.assembly.enumUnderlyingTypeOf(h.rid);
  }

  enumUnderlyingTypeByName(asm: Assembly, typeName: string): number {
    const h = this.resolveTypeName(asm, typeName);
    return h.assembly.enumUnderlyingTypeOf(h.rid);
  }
}

function simpleName(asm: Assembly, token: number): string {
  return tokenTable(token) === T.TypeDef ? asm.typeDef(tokenRid(token)).name : tokenTable(token) === T.TypeRef ? asm.typeRef(tokenRid(token)).name : '';
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

