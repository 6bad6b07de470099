/**
 * The live execution engine over a set of loaded assemblies: one type
 * system, one address map, one set of handles, shared by every compile.
 * A compile gets its own JitInterface (createJitInterface), which keeps the
 * per-compile state (ReadyToRun fixups, inlining decisions, reports).
 */

import {
  type CORINFO_ASYNC_INFO_FULL,
  type CORINFO_CLASS_HANDLE,
  type CORINFO_CONTEXT_HANDLE,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_MODULE_HANDLE,
  type CodeAddress,
  EEError,
  contextClass,
  contextIsClass,
  contextMethod,
  formatHandle,
} from '../jitee/index.js';
import { AddressMap, type ImportCellFamily } from './address-map.js';
import { ArgLists } from './arg-lists.js';
import { type LoadOptions, type LoadedClosure, type MissingReference, createResolver, imageSlots, loadClosure } from './assembly-closure.js';
import { buildAsyncInfo, findAsyncHelperMethod } from './async-info-builder.js';
import type { FieldDefinition, ModuleDesc } from './definitions.js';
import { eeGuard } from './errors.js';
import { LiveJitInterface, type JitInterfaceOptions } from './jit-interface-impl.js';
import type { FieldDesc, MethodDesc } from './member-desc.js';
import { type EnumeratedMethod, type EnumerateOptions, enumerateMethods } from './method-enumeration.js';
import { staticLayout, type StaticBlockKind } from './static-layout.js';
import type { DefType, InstantiationContext, TypeDesc } from './type-desc.js';
import { TypeNames } from './type-names.js';
import { TypeSystem } from './type-system.js';
import { VirtualMethods } from './vtable.js';
import { WELL_KNOWN_TYPES, type WellKnownType } from './well-known-types.js';
import { STATIC_BLOCK_SLOT } from './address-map.js';

export class Runtime {
  readonly ts: TypeSystem;
  readonly addresses = new AddressMap();
  readonly vtables: VirtualMethods;
  readonly names: TypeNames;
  readonly argLists: ArgLists;
  /** The assemblies given to load, in the order given. */
  readonly inputs: readonly ModuleDesc[];
  /** Every module of the closure, sorted by name. */
  readonly modules: readonly ModuleDesc[];
  readonly corlib: ModuleDesc;
  /** References that could not be resolved while loading the closure (types from them fail to load). */
  readonly missingReferences: readonly MissingReference[];
  private _asyncInfo: CORINFO_ASYNC_INFO_FULL | undefined;

  private constructor(ts: TypeSystem, closure: LoadedClosure) {
    this.ts = ts;
    this.vtables = new VirtualMethods(ts);
    this.names = new TypeNames(ts);
    this.argLists = new ArgLists(this.addresses);
    this.inputs = closure.inputs;
    this.modules = closure.modules;
    this.corlib = closure.corlib;
    this.missingReferences = closure.missing;
  }

  /**
   * Loads `assemblies` and their references (searched in
   * `referenceDirectories`, then next to each referencing assembly). An
   * unreadable input throws InputError; no System.Object anywhere throws
   * EEError MissingAssembly.
   */
  static load(options: LoadOptions): Runtime {
    const ts = new TypeSystem(createResolver(options));
    return new Runtime(ts, loadClosure(ts, options));
  }

  // ---- handles ---------------------------------------------------------------------

  classHandle(t: TypeDesc): CORINFO_CLASS_HANDLE {
    return (t.handle ??= this.addresses.classHandles.assign(`class:${t.key}`, t) as CORINFO_CLASS_HANDLE);
  }

  methodHandle(md: MethodDesc): CORINFO_METHOD_HANDLE {
    return (md.handle ??= this.addresses.methodHandles.assign(`method:${md.key}`, md) as CORINFO_METHOD_HANDLE);
  }

  fieldHandle(fd: FieldDesc): CORINFO_FIELD_HANDLE {
    return (fd.handle ??= this.addresses.fieldHandles.assign(`field:${fd.key}`, fd) as CORINFO_FIELD_HANDLE);
  }

  moduleHandle(m: ModuleDesc): CORINFO_MODULE_HANDLE {
    return (m.handle ??= this.addresses.moduleHandles.assign(`module:${m.name}`, m) as CORINFO_MODULE_HANDLE);
  }

  typeOf(h: CORINFO_CLASS_HANDLE): TypeDesc {
    const t = this.addresses.classHandles.lookup(h) as TypeDesc | undefined;
    if (!t) throw new RangeError(`${formatHandle(h)} is not a class handle of this EE`);
    return t;
  }

  methodOf(h: CORINFO_METHOD_HANDLE): MethodDesc {
    const m = this.addresses.methodHandles.lookup(h) as MethodDesc | undefined;
    if (!m) throw new RangeError(`${formatHandle(h)} is not a method handle of this EE`);
    return m;
  }

  fieldOf(h: CORINFO_FIELD_HANDLE): FieldDesc {
    const f = this.addresses.fieldHandles.lookup(h) as FieldDesc | undefined;
    if (!f) throw new RangeError(`${formatHandle(h)} is not a field handle of this EE`);
    return f;
  }

  moduleOf(h: CORINFO_MODULE_HANDLE): ModuleDesc {
    const m = this.addresses.moduleHandles.lookup(h) as ModuleDesc | undefined;
    if (!m) throw new RangeError(`${formatHandle(h)} is not a module handle of this EE`);
    return m;
  }

  /** The instantiation a context handle stands for (method context: its owner's and its own arguments). */
  contextOf(ctx: CORINFO_CONTEXT_HANDLE): InstantiationContext & { readonly method?: MethodDesc; readonly type?: TypeDesc } {
    if (contextIsClass(ctx)) {
      const type = this.typeOf(contextClass(ctx));
      return { typeArgs: type.kind === 'def' ? type.instantiation : [], methodArgs: [], owner: type.kind === 'def' ? type : undefined, type };
    }
    const method = this.methodOf(contextMethod(ctx));
    return { ...this.ts.methodContext(method), method, type: method.owner };
  }

  // ---- shared code -----------------------------------------------------------------

  /** True when the method's own instantiation is shared canonical code (mentions __Canon). */
  isSharedCode(md: MethodDesc): boolean {
    return this.ts.containsCanon(md.owner) || md.instantiation.some((a) => this.ts.containsCanon(a));
  }

  /** Shared code that cannot find its generic context through `this` takes a hidden instantiation argument. */
  requiresInstArg(md: MethodDesc): boolean {
    return this.isSharedCode(md) && (md.instantiation.length > 0 || md.isStatic || this.ts.isValueType(md.owner));
  }

  /** The method whose code runs for `md` (List<string>.Add → List<__Canon>.Add). */
  canonicalMethod(md: MethodDesc): MethodDesc {
    if (md._canonical) return md._canonical;
    let c = md;
    if (md.def && md.ownerDef) {
      const owner = this.ts.canonical(md.ownerDef) as DefType;
      c = this.ts.methodDesc(owner, md.def, md.instantiation.map((a) => this.ts.canonicalArgument(a)));
    }
    md._canonical = c;
    return c;
  }

  // ---- addresses -------------------------------------------------------------------

  /**
   * The structured index of a piece of code: the global MethodDef index when
   * the code is the definition's typical shared form (no instantiation, or
   * every argument __Canon); undefined for other instantiations.
   */
  codeIndex(code: MethodDesc): number | undefined {
    const def = code.def;
    const spans = def?.module.spans;
    if (!def || !spans) return undefined;
    const owner = code.ownerDef!;
    const typicalShape = owner.instantiation.every((a) => a.kind === 'canon') && code.instantiation.every((a) => a.kind === 'canon');
    return typicalShape ? spans.methodBase + def.rid - 1 : undefined;
  }

  /** The structured index of a non-generic type definition; undefined for instantiations and synthetic types. */
  typeIndex(t: TypeDesc): number | undefined {
    if (t.kind !== 'def' || t.instantiation.length !== 0) return undefined;
    const spans = t.def.module.spans;
    return spans ? spans.typeBase + t.def.rid - 1 : undefined;
  }

  /** Entry point of the code `md` runs (its canonical form's). */
  entryPoint(md: MethodDesc): CodeAddress {
    const code = this.canonicalMethod(md);
    const address = this.addresses.methodEntries.place(`entry:${code.key}`, this.codeIndex(code)) as CodeAddress;
    this.addresses.describe(address, `entry point of ${this.names.methodName(code)}`);
    return address;
  }

  /** Base of a type's non-GC or GC static block. */
  staticBase(t: DefType, kind: 'nonGC' | 'gc'): CodeAddress {
    const layout = staticLayout(this.ts, t);
    const size = layout[kind].size;
    const slots = Math.max(1, Math.ceil(size / STATIC_BLOCK_SLOT));
    const index = slots === 1 ? this.typeIndex(t) : undefined;
    const area = kind === 'gc' ? this.addresses.staticsGC : this.addresses.staticsNonGC;
    const address = area.place(`statics-${kind}:${t.key}`, index, slots) as CodeAddress;
    this.addresses.describe(address, `${kind === 'gc' ? 'GC' : 'non-GC'} statics of ${this.names.className(t)}`);
    return address;
  }

  /** Where the string object of a user-string token is found (pinned handle in jit mode, import cell in r2r). */
  stringLiteralCell(module: ModuleDesc, token: number): CodeAddress {
    const offset = token & 0x00ffffff;
    const index = module.spans ? module.spans.userStringBase + offset : undefined;
    const address = this.addresses.stringLiterals.place(`string:${module.name}!${offset}`, index) as CodeAddress;
    this.addresses.describe(address, `string literal ${module.name}!0x${(token >>> 0).toString(16)}`);
    return address;
  }

  /** Address of an RVA static's data in its module's image. */
  rvaFieldAddress(def: FieldDefinition): CodeAddress {
    const module = def.owner.module;
    const rva = module.assembly.fieldRva(def.rid) ?? 0;
    const base = this.addresses.images.place(`image:${module.name}`, module.spans?.imageSlotBase, imageSlots(module));
    return (base + BigInt(rva)) as CodeAddress;
  }

  /** An indirection cell: a ReadyToRun import cell, or a dispatch cell in jit mode. */
  importCell(family: ImportCellFamily, identity: string, index: number | undefined, description: string): CodeAddress {
    const address = this.addresses.importCells[family].place(`cell:${family}:${identity}`, index) as CodeAddress;
    this.addresses.describe(address, description);
    return address;
  }

  /** What an address handed out by this Runtime is (for annotations); undefined when unknown. */
  describeAddress(address: bigint): string | undefined {
    return this.addresses.description(address);
  }

  /** A corlib type by role (Thread, Task, Continuation, …); EEError TypeLoad when the corlib lacks it. */
  wellKnownType(role: WellKnownType): DefType {
    const [namespace, name] = WELL_KNOWN_TYPES[role];
    return this.ts.corlibType(namespace, name);
  }

  // ---- runtime async ---------------------------------------------------------------

  /** All eleven CORINFO_ASYNC_INFO fields, built from the corlib by name. */
  asyncInfo(): CORINFO_ASYNC_INFO_FULL {
    return (this._asyncInfo ??= buildAsyncInfo(this));
  }

  /** A method of System.Runtime.CompilerServices.AsyncHelpers by name. */
  asyncHelperMethod(name: string): MethodDesc {
    return findAsyncHelperMethod(this, name);
  }

  // ---- compiles ----------------------------------------------------------------------

  /** A JitInterface for compiling one method. */
  createJitInterface(options: JitInterfaceOptions): LiveJitInterface {
    return new LiveJitInterface(this, options);
  }

  /** Every method with an IL body in the input assemblies (PMI style), optionally filtered. */
  enumerateMethods(options: EnumerateOptions = {}): EnumeratedMethod[] {
    return enumerateMethods(this, options);
  }

  // ---- lookups by name ---------------------------------------------------------------

  /** A type definition by full metadata name (`Ns.Outer/Inner`), in `assemblyName` or the inputs then the corlib. */
  findType(fullName: string, assemblyName?: string): DefType {
    const candidates = assemblyName ? this.modules.filter((m) => m.name === assemblyName) : [...this.inputs, this.corlib];
    for (const m of candidates) {
      const rid = m.assembly.findTypeDefByFullName(fullName);
      if (rid) return eeGuard(`loading ${fullName}`, () => this.ts.typical(m.typeDefinition(rid)));
    }
    throw new EEError('TypeLoad', `no type ${fullName} in ${candidates.map((m) => m.name).join(', ')}`);
  }

  /** Methods named `name` of a type (over its typical instantiation). */
  findMethods(type: DefType, name: string): MethodDesc[] {
    return type.def.methods.filter((m) => m.name === name).map((m) => this.ts.methodDesc(type, m, m.genericParamCount ? this.ts.typicalMethod(m).instantiation : []));
  }

  /** The one method named `name` of a type; EEError MissingMethod when there is none or several. */
  findMethod(type: DefType, name: string): MethodDesc {
    const found = this.findMethods(type, name);
    if (found.length !== 1) throw new EEError('MissingMethod', `${this.names.className(type)} has ${found.length} methods named ${name}`);
    return found[0]!;
  }

  /** Base of a static block kind, for reports. */
  staticBlockSize(t: DefType, kind: StaticBlockKind): number {
    return staticLayout(this.ts, t)[kind].size;
  }
}
