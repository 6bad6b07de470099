/**
 * The type system of the live EE: modules, interned TypeDescs, MethodDescs
 * and FieldDescs, loading types from tokens and signatures in a generic
 * context, type categories, base types and interfaces, substitution and the
 * shared canonical form. Layout, vtables and statics are computed elsewhere
 * (field-layout.ts, vtable.ts, static-layout.ts) and cached on the descs.
 *
 * Everything is lazy and cached: a type is loaded the first time a token or
 * signature names it; a signature is decoded once per MethodDesc.
 */

import {
  type Assembly,
  type AssemblyResolver,
  ElementType,
  TableId,
  type TypeSig,
  describeToken,
  tokenRid,
  tokenTable,
} from '../ecma/index.js';
import { CorInfoType, EEError } from '../jitee/index.js';
import { type FieldDefinition, type MethodDefinition, ModuleDesc, type TypeCategory, type TypeDefinition, hexToken } from './definitions.js';
import { eeGuard } from './errors.js';
import { FieldDesc, type LocalSignature, MethodDesc, type MethodSignature, type SyntheticMethodKind } from './member-desc.js';
import {
  ArrayType,
  ByRefType,
  CanonType,
  ContinuationType,
  DefType,
  EMPTY_CONTEXT,
  FunctionPointerType,
  GenericParamType,
  type InstantiationContext,
  PointerType,
  type TypeDesc,
  arrayTypeKey,
  defTypeKey,
} from './type-desc.js';

/** Corlib types in namespace System that are primitives, and their CorInfoType. */
export const PRIMITIVE_TYPES: Readonly<Record<string, CorInfoType>> = {
  Void: CorInfoType.CORINFO_TYPE_VOID,
  Boolean: CorInfoType.CORINFO_TYPE_BOOL,
  Char: CorInfoType.CORINFO_TYPE_CHAR,
  SByte: CorInfoType.CORINFO_TYPE_BYTE,
  Byte: CorInfoType.CORINFO_TYPE_UBYTE,
  Int16: CorInfoType.CORINFO_TYPE_SHORT,
  UInt16: CorInfoType.CORINFO_TYPE_USHORT,
  Int32: CorInfoType.CORINFO_TYPE_INT,
  UInt32: CorInfoType.CORINFO_TYPE_UINT,
  Int64: CorInfoType.CORINFO_TYPE_LONG,
  UInt64: CorInfoType.CORINFO_TYPE_ULONG,
  IntPtr: CorInfoType.CORINFO_TYPE_NATIVEINT,
  UIntPtr: CorInfoType.CORINFO_TYPE_NATIVEUINT,
  Single: CorInfoType.CORINFO_TYPE_FLOAT,
  Double: CorInfoType.CORINFO_TYPE_DOUBLE,
};

/** Names (namespace System) of the corlib types that signature element types stand for. */
const ELEMENT_TYPE_NAMES: Readonly<Record<number, string>> = {
  [ElementType.Void]: 'Void',
  [ElementType.Boolean]: 'Boolean',
  [ElementType.Char]: 'Char',
  [ElementType.I1]: 'SByte',
  [ElementType.U1]: 'Byte',
  [ElementType.I2]: 'Int16',
  [ElementType.U2]: 'UInt16',
  [ElementType.I4]: 'Int32',
  [ElementType.U4]: 'UInt32',
  [ElementType.I8]: 'Int64',
  [ElementType.U8]: 'UInt64',
  [ElementType.R4]: 'Single',
  [ElementType.R8]: 'Double',
  [ElementType.String]: 'String',
  [ElementType.Object]: 'Object',
  [ElementType.I]: 'IntPtr',
  [ElementType.U]: 'UIntPtr',
  [ElementType.TypedByRef]: 'TypedReference',
};

function tokenText(module: ModuleDesc, token: number): string {
  return `${describeToken(token)} in ${module.name}`;
}

export class TypeSystem {
  readonly canon = new CanonType();
  readonly fnptr = new FunctionPointerType();
  private readonly modules = new Map<Assembly, ModuleDesc>();
  private readonly interned = new Map<string, TypeDesc>();
  private readonly typicals = new Map<TypeDefinition, DefType>();
  private readonly methodDescs = new Map<string, MethodDesc>();
  private readonly fieldDescs = new Map<string, FieldDesc>();
  /** Types of TypeDef/TypeRef tokens and context-free TypeSpecs, per module. */
  private readonly tokenTypes = new Map<ModuleDesc, Map<number, TypeDesc>>();
  private readonly corlibTypes = new Map<string, DefType | null>();
  private _corlib: ModuleDesc | undefined;

  constructor(readonly resolver: AssemblyResolver) {
    this.interned.set(this.canon.key, this.canon);
    this.interned.set(this.fnptr.key, this.fnptr);
  }

  // ---- modules ---------------------------------------------------------------

  module(assembly: Assembly): ModuleDesc {
    let m = this.modules.get(assembly);
    if (!m) {
      m = new ModuleDesc(assembly);
      this.modules.set(assembly, m);
    }
    return m;
  }

  allModules(): ModuleDesc[] {
    return [...this.modules.values()];
  }

  get corlib(): ModuleDesc {
    if (!this._corlib) throw new Error('the type system has no corlib yet');
    return this._corlib;
  }

  setCorlib(module: ModuleDesc): void {
    this._corlib = module;
  }

  /** A corlib type by namespace and name, or undefined when the corlib lacks it. */
  tryCorlibType(namespace: string, name: string): DefType | undefined {
    const k = `${namespace}.${name}`;
    let t = this.corlibTypes.get(k);
    if (t === undefined) {
      const rid = this.corlib.assembly.findTypeDef(namespace, name);
      t = rid ? this.typical(this.corlib.typeDefinition(rid)) : null;
      this.corlibTypes.set(k, t);
    }
    return t ?? undefined;
  }

  /** A corlib type by namespace and name; EEError TypeLoad when the corlib lacks it. */
  corlibType(namespace: string, name: string): DefType {
    const t = this.tryCorlibType(namespace, name);
    if (!t) throw new EEError('TypeLoad', `the corlib ${this.corlib.name} defines no type ${namespace}.${name}`);
    return t;
  }

  get objectType(): DefType {
    return this.corlibType('System', 'Object');
  }
  get stringType(): DefType {
    return this.corlibType('System', 'String');
  }
  get valueTypeType(): DefType {
    return this.corlibType('System', 'ValueType');
  }
  get enumType(): DefType {
    return this.corlibType('System', 'Enum');
  }
  get arrayBaseType(): DefType {
    return this.corlibType('System', 'Array');
  }
  get voidType(): DefType {
    return this.corlibType('System', 'Void');
  }
  get int32Type(): DefType {
    return this.corlibType('System', 'Int32');
  }

  // ---- interning -------------------------------------------------------------

  private intern<T extends TypeDesc>(key: string, make: () => T): T {
    let t = this.interned.get(key);
    if (!t) {
      t = make();
      this.interned.set(key, t);
    }
    return t as T;
  }

  /** The type with this key, if loaded. */
  typeByKey(key: string): TypeDesc | undefined {
    return this.interned.get(key);
  }

  defType(def: TypeDefinition, args: readonly TypeDesc[]): DefType {
    if (args.length !== def.genericParamCount) {
      throw new EEError('TypeLoad', `${def.fullName} in ${def.module.name} takes ${def.genericParamCount} type arguments, not ${args.length}`);
    }
    if (args.length === 0) return this.typical(def);
    return this.intern(defTypeKey(def, args), () => new DefType(defTypeKey(def, args), def, [...args]));
  }

  /** The definition instantiated over its own type parameters (the definition itself when not generic). */
  typical(def: TypeDefinition): DefType {
    let t = this.typicals.get(def);
    if (!t) {
      const params: TypeDesc[] = [];
      for (let i = 0; i < def.genericParamCount; i++) params.push(this.genericParam('type', i, def.key));
      const key = defTypeKey(def, params);
      t = this.intern(key, () => new DefType(key, def, params));
      this.typicals.set(def, t);
    }
    return t;
  }

  arrayOf(element: TypeDesc, rank: number, isSzArray: boolean): ArrayType {
    const key = arrayTypeKey(element, rank, isSzArray);
    return this.intern(key, () => new ArrayType(key, element, rank, isSzArray));
  }

  pointerTo(element: TypeDesc): PointerType {
    const key = `${element.key}*`;
    return this.intern(key, () => new PointerType(key, element));
  }

  byRefTo(element: TypeDesc): ByRefType {
    const key = `${element.key}&`;
    return this.intern(key, () => new ByRefType(key, element));
  }

  /** A type or method parameter of the definition `ownerKey`; '' makes a positional method parameter. */
  genericParam(ownerKind: 'type' | 'method', index: number, ownerKey: string): GenericParamType {
    const key = `${ownerKind === 'type' ? '!' : '!!'}${index}${ownerKey ? '@' + ownerKey : ''}`;
    return this.intern(key, () => new GenericParamType(key, ownerKind, index, ownerKey));
  }

  continuationType(base: DefType, dataSize: number, objRefs: readonly boolean[]): ContinuationType {
    let bits = 0n;
    objRefs.forEach((r, i) => {
      if (r) bits |= 1n << BigInt(i);
    });
    const key = `Continuation#${dataSize}:${bits.toString(16)}`;
    return this.intern(key, () => new ContinuationType(key, base, dataSize, [...objRefs]));
  }

  // ---- loading -----------------------------------------------------------------

  /** The definition a TypeDef or TypeRef token names (following references into other assemblies). */
  definitionOfToken(module: ModuleDesc, token: number): TypeDefinition {
    return eeGuard(
      () => `loading type ${tokenText(module, token)}`,
      () => {
        switch (tokenTable(token)) {
          case TableId.TypeDef:
            return module.typeDefinition(tokenRid(token));
          case TableId.TypeRef: {
            const h = this.resolver.resolveTypeRef(module.assembly, tokenRid(token));
            return this.module(h.assembly).typeDefinition(h.rid);
          }
          case TableId.TypeSpec: {
            const sig = module.assembly.typeSpecSignature(tokenRid(token));
            if (sig.kind === 'genericinst') return this.definitionOfToken(module, sig.genericType);
            if (sig.kind === 'class' || sig.kind === 'valuetype') return this.definitionOfToken(module, sig.token);
            throw new EEError('TypeLoad', `${tokenText(module, token)} is not a named type`);
          }
        }
        throw new EEError('BadToken', `${tokenText(module, token)} is not a type token`);
      },
    );
  }

  /** The type a TypeDef, TypeRef or TypeSpec token names in `ctx`. */
  typeFromToken(module: ModuleDesc, token: number, ctx: InstantiationContext = EMPTY_CONTEXT): TypeDesc {
    let cache = this.tokenTypes.get(module);
    if (!cache) this.tokenTypes.set(module, (cache = new Map()));
    const cached = cache.get(token);
    if (cached) return cached;
    return eeGuard(
      () => `loading type ${tokenText(module, token)}`,
      () => {
        const table = tokenTable(token);
        if (table === TableId.TypeDef || table === TableId.TypeRef) {
          const t = this.typical(this.definitionOfToken(module, token));
          cache.set(token, t);
          return t;
        }
        if (table === TableId.TypeSpec) {
          const sig = module.assembly.typeSpecSignature(tokenRid(token));
          const t = this.typeFromSig(module, sig, ctx);
          if (!sigMentionsGenericParams(sig)) cache.set(token, t);
          return t;
        }
        throw new EEError('BadToken', `${tokenText(module, token)} is not a type token`);
      },
    );
  }

  /** The type a decoded signature element stands for in `ctx`. */
  typeFromSig(module: ModuleDesc, sig: TypeSig, ctx: InstantiationContext): TypeDesc {
    switch (sig.kind) {
      case 'primitive': {
        const name = ELEMENT_TYPE_NAMES[sig.type];
        if (!name) throw new EEError('BadImageFormat', `element type 0x${sig.type.toString(16)} in a signature of ${module.name}`);
        return this.corlibType('System', name);
      }
      case 'class':
      case 'valuetype':
        return this.typeFromToken(module, sig.token, ctx);
      case 'var': {
        const t = ctx.typeArgs[sig.index];
        if (!t) throw new EEError('BadImageFormat', `type parameter !${sig.index} used outside a generic type with that many parameters (in ${module.name})`);
        return t;
      }
      case 'mvar': {
        const t = ctx.methodArgs[sig.index];
        if (!t) throw new EEError('BadImageFormat', `method type parameter !!${sig.index} used outside a generic method with that many parameters (in ${module.name})`);
        return t;
      }
      case 'szarray':
        return this.arrayOf(this.typeFromSig(module, sig.element, ctx), 1, true);
      case 'array':
        return this.arrayOf(this.typeFromSig(module, sig.element, ctx), sig.rank, false);
      case 'ptr':
        return this.pointerTo(this.typeFromSig(module, sig.element, ctx));
      case 'byref':
        return this.byRefTo(this.typeFromSig(module, sig.element, ctx));
      case 'genericinst': {
        const def = this.definitionOfToken(module, sig.genericType);
        return this.defType(def, sig.args.map((a) => this.typeFromSig(module, a, ctx)));
      }
      case 'fnptr':
        return this.fnptr;
      case 'modified':
      case 'pinned':
        return this.typeFromSig(module, sig.type, ctx);
    }
  }

  // ---- categories --------------------------------------------------------------

  category(def: TypeDefinition): TypeCategory {
    if (def._category) return def._category;
    let c: TypeCategory;
    if (def.isInterface) c = 'interface';
    else if (def.module === this._corlib && def.namespace === 'System' && PRIMITIVE_TYPES[def.name] !== undefined && !def.enclosing) c = 'primitive';
    else if (tokenRid(def.extendsToken) === 0 || tokenTable(def.extendsToken) === TableId.TypeSpec) c = 'class';
    else {
      const base = this.definitionOfToken(def.module, def.extendsToken);
      const isCorlibSystem = base.module === this._corlib && base.namespace === 'System' && !base.enclosing;
      if (isCorlibSystem && base.name === 'Enum') c = 'enum';
      else if (isCorlibSystem && base.name === 'ValueType' && !(def.module === this._corlib && def.namespace === 'System' && def.name === 'Enum')) c = 'valuetype';
      else c = 'class';
    }
    def._category = c;
    return c;
  }

  isValueType(t: TypeDesc): boolean {
    if (t.kind !== 'def') return false;
    const c = this.category(t.def);
    return c === 'valuetype' || c === 'enum' || c === 'primitive';
  }

  /** Object references: classes, interfaces, arrays, __Canon (and, in typical forms, type parameters). */
  isReferenceType(t: TypeDesc): boolean {
    switch (t.kind) {
      case 'def': {
        const c = this.category(t.def);
        return c === 'class' || c === 'interface';
      }
      case 'canon':
      case 'array':
      case 'continuation':
      case 'genericParam':
        return true;
      default:
        return false;
    }
  }

  /** The primitive CorInfoType of a primitive, or of an enum's underlying type; undefined otherwise. */
  primitiveCorInfoType(t: TypeDesc): CorInfoType | undefined {
    if (t.kind !== 'def') return undefined;
    const c = this.category(t.def);
    if (c === 'primitive') return PRIMITIVE_TYPES[t.def.name];
    if (c === 'enum') return this.primitiveCorInfoType(this.enumUnderlyingType(t));
    return undefined;
  }

  /** The primitive an enum stores (its instance field's type). */
  enumUnderlyingType(t: DefType): DefType {
    return eeGuard(`loading enum ${t.def.fullName}`, () => {
      for (const f of t.def.fields) {
        if (f.isStatic) continue;
        const ft = this.typeFromSig(t.def.module, f.signature, { typeArgs: t.instantiation, methodArgs: [] });
        if (ft.kind === 'def' && this.category(ft.def) === 'primitive') return ft;
        break;
      }
      throw new EEError('TypeLoad', `enum ${t.def.fullName} in ${t.def.module.name} has no primitive instance field`);
    });
  }

  // ---- hierarchy -----------------------------------------------------------------

  baseType(t: TypeDesc): DefType | undefined {
    switch (t.kind) {
      case 'def': {
        if (t._base === undefined) {
          const ext = t.def.extendsToken;
          if (tokenRid(ext) === 0) t._base = null;
          else {
            const base = this.typeFromToken(t.def.module, ext, { typeArgs: t.instantiation, methodArgs: [], owner: t });
            if (base.kind !== 'def') throw new EEError('TypeLoad', `${t.def.fullName} in ${t.def.module.name} extends a type that is not a class`);
            t._base = base;
          }
        }
        return t._base ?? undefined;
      }
      case 'array':
        return this.arrayBaseType;
      case 'canon':
        return this.objectType;
      case 'continuation':
        return t.base;
      default:
        return undefined;
    }
  }

  /** Every interface a type implements (declared, inherited, and those interfaces' own), without duplicates. */
  interfacesOf(t: DefType): readonly DefType[] {
    if (t._interfaces) return t._interfaces;
    const out: DefType[] = [];
    const seen = new Set<DefType>();
    const add = (i: DefType): void => {
      if (seen.has(i)) return;
      seen.add(i);
      out.push(i);
      for (const inner of this.interfacesOf(i)) add(inner);
    };
    const ctx: InstantiationContext = { typeArgs: t.instantiation, methodArgs: [], owner: t };
    eeGuard(`loading the interfaces of ${t.def.fullName}`, () => {
      for (const token of t.def.module.assembly.interfaces(t.def.rid)) {
        const i = this.typeFromToken(t.def.module, token, ctx);
        if (i.kind === 'def') add(i);
      }
    });
    const base = this.baseType(t);
    if (base) for (const i of this.interfacesOf(base)) add(i);
    t._interfaces = out;
    return out;
  }

  /** `t` or the base type of `t` whose definition is `def`. */
  ancestorWithDef(t: TypeDesc, def: TypeDefinition): DefType | undefined {
    for (let cur: DefType | undefined = t.kind === 'def' ? t : this.baseType(t); cur; cur = this.baseType(cur)) {
      if (cur.def === def) return cur;
    }
    return undefined;
  }

  isAssignableToClass(t: TypeDesc, target: DefType): boolean {
    for (let cur: DefType | undefined = t.kind === 'def' ? t : this.baseType(t); cur; cur = this.baseType(cur)) {
      if (cur === target) return true;
    }
    return false;
  }

  // ---- substitution and sharing --------------------------------------------------------

  /** `t` with generic parameters replaced by the arguments of `ctx`. */
  substitute(t: TypeDesc, ctx: InstantiationContext): TypeDesc {
    switch (t.kind) {
      case 'genericParam': {
        const args = t.ownerKind === 'type' ? ctx.typeArgs : ctx.methodArgs;
        return args[t.index] ?? t;
      }
      case 'def':
        return t.instantiation.length === 0 ? t : this.defType(t.def, t.instantiation.map((a) => this.substitute(a, ctx)));
      case 'array':
        return this.arrayOf(this.substitute(t.element, ctx), t.rank, t.isSzArray);
      case 'ptr':
        return this.pointerTo(this.substitute(t.element, ctx));
      case 'byref':
        return this.byRefTo(this.substitute(t.element, ctx));
      default:
        return t;
    }
  }

  /**
   * The shared canonical form: reference-type arguments (at any depth
   * inside value-type arguments) become __Canon; value-type arguments stay.
   */
  canonical(t: TypeDesc): TypeDesc {
    if (t._canonical) return t._canonical;
    let c: TypeDesc;
    switch (t.kind) {
      case 'def':
        c = t.instantiation.length === 0 ? t : this.defType(t.def, t.instantiation.map((a) => this.canonicalArgument(a)));
        break;
      case 'array':
        c = this.arrayOf(this.canonicalArgument(t.element), t.rank, t.isSzArray);
        break;
      case 'ptr':
        c = this.pointerTo(this.canonical(t.element));
        break;
      case 'byref':
        c = this.byRefTo(this.canonical(t.element));
        break;
      default:
        c = t;
    }
    t._canonical = c;
    return c;
  }

  canonicalArgument(t: TypeDesc): TypeDesc {
    return this.isReferenceType(t) ? this.canon : this.canonical(t);
  }

  containsCanon(t: TypeDesc): boolean {
    if (t._containsCanon !== undefined) return t._containsCanon;
    let r: boolean;
    switch (t.kind) {
      case 'canon':
        r = true;
        break;
      case 'def':
        r = t.instantiation.some((a) => this.containsCanon(a));
        break;
      case 'array':
      case 'ptr':
      case 'byref':
        r = this.containsCanon(t.element);
        break;
      default:
        r = false;
    }
    t._containsCanon = r;
    return r;
  }

  containsGenericParams(t: TypeDesc): boolean {
    switch (t.kind) {
      case 'genericParam':
        return true;
      case 'def':
        return t.instantiation.some((a) => this.containsGenericParams(a));
      case 'array':
      case 'ptr':
      case 'byref':
        return this.containsGenericParams(t.element);
      default:
        return false;
    }
  }

  // ---- members ------------------------------------------------------------------------------

  methodDesc(owner: DefType, def: MethodDefinition, instantiation: readonly TypeDesc[]): MethodDesc {
    if (instantiation.length !== def.genericParamCount) {
      throw new EEError('MissingMethod', `${def.owner.fullName}::${def.name} takes ${def.genericParamCount} type arguments, not ${instantiation.length}`);
    }
    const key = `${owner.key}::${hexToken(def.token)}${instantiation.length ? `<${instantiation.map((a) => a.key).join(',')}>` : ''}`;
    let m = this.methodDescs.get(key);
    if (!m) {
      m = new MethodDesc(key, owner, def, [...instantiation], undefined);
      this.methodDescs.set(key, m);
    }
    return m;
  }

  /** The method over its owner's and its own type parameters. */
  typicalMethod(def: MethodDefinition): MethodDesc {
    const params: TypeDesc[] = [];
    for (let i = 0; i < def.genericParamCount; i++) params.push(this.genericParam('method', i, def.key));
    return this.methodDesc(this.typical(def.owner), def, params);
  }

  syntheticMethod(owner: TypeDesc, kind: SyntheticMethodKind, name: string, identity: string, signature: MethodSignature): MethodDesc {
    const key = `${owner.key}::${identity}`;
    let m = this.methodDescs.get(key);
    if (!m) {
      m = new MethodDesc(key, owner, undefined, [], { kind, name, signature });
      this.methodDescs.set(key, m);
    }
    return m;
  }

  fieldDesc(owner: DefType, def: FieldDefinition): FieldDesc {
    const key = `${owner.key}::${hexToken(def.token)}`;
    let f = this.fieldDescs.get(key);
    if (!f) {
      f = new FieldDesc(key, owner, def);
      this.fieldDescs.set(key, f);
    }
    return f;
  }

  /** The context a method's own signature and IL tokens are read in. */
  methodContext(md: MethodDesc): InstantiationContext {
    const owner = md.ownerDef;
    return { typeArgs: owner ? owner.instantiation : [], methodArgs: md.instantiation, owner };
  }

  methodSignature(md: MethodDesc): MethodSignature {
    if (md._signature) return md._signature;
    if (md.synthetic) return (md._signature = md.synthetic.signature);
    const def = md.def!;
    const sig = eeGuard(
      () => `loading the signature of ${def.owner.fullName}::${def.name} in ${def.module.name}`,
      () => {
        const raw = def.signature;
        const ctx = this.methodContext(md);
        return {
          callingConvention: raw.callingConvention,
          hasThis: raw.hasThis,
          explicitThis: raw.explicitThis,
          genericParamCount: raw.genericParamCount,
          returnType: this.typeFromSig(def.module, raw.returnType, ctx),
          params: raw.params.map((p) => this.typeFromSig(def.module, p, ctx)),
          sentinelIndex: raw.sentinelIndex,
          module: def.module,
          blob: def.signatureBlob,
          token: def.token,
        } satisfies MethodSignature;
      },
    );
    md._signature = sig;
    return sig;
  }

  localSignature(md: MethodDesc): LocalSignature {
    const def = md.def;
    const empty: LocalSignature = { types: [], pinned: [], module: def?.module ?? this.corlib, blob: new Uint8Array(0), token: 0 };
    if (!def || !def.hasILBody) return empty;
    return eeGuard(
      () => `loading the locals of ${def.owner.fullName}::${def.name} in ${def.module.name}`,
      () => {
        const assembly = def.module.assembly;
        const body = assembly.methodBody(def.rid);
        if (!body || body.localVarSigToken === 0) return empty;
        const token = body.localVarSigToken;
        if (tokenTable(token) !== TableId.StandAloneSig) throw new EEError('BadImageFormat', `${def.name} has local signature token ${describeToken(token)}`);
        const ctx = this.methodContext(md);
        const locals = assembly.localVariables(def.rid);
        return {
          types: locals.map((l) => this.typeFromSig(def.module, l, ctx)),
          pinned: locals.map(isPinned),
          module: def.module,
          blob: new Uint8Array(assembly.blobs.get(assembly.standAloneSig(tokenRid(token)).signature)),
          token,
        };
      },
    );
  }

  fieldType(fd: FieldDesc): TypeDesc {
    if (fd._type) return fd._type;
    const t = eeGuard(
      () => `loading the type of field ${fd.owner.def.fullName}::${fd.def.name} in ${fd.def.owner.module.name}`,
      () => this.typeFromSig(fd.def.owner.module, fd.def.signature, { typeArgs: fd.owner.instantiation, methodArgs: [], owner: fd.owner }),
    );
    fd._type = t;
    return t;
  }

  /** Own instance fields of a type, in declaration order. */
  instanceFields(t: DefType): FieldDesc[] {
    return t.def.fields.filter((f) => !f.isStatic).map((f) => this.fieldDesc(t, f));
  }

  /** Own static fields with storage (not literals), in declaration order. */
  staticFields(t: DefType): FieldDesc[] {
    return t.def.fields.filter((f) => f.isStatic && !f.isLiteral).map((f) => this.fieldDesc(t, f));
  }
}

function isPinned(sig: TypeSig): boolean {
  for (let t: TypeSig = sig; ; ) {
    if (t.kind === 'pinned') return true;
    if (t.kind === 'modified') t = t.type;
    else return false;
  }
}

function sigMentionsGenericParams(sig: TypeSig): boolean {
  switch (sig.kind) {
    case 'var':
    case 'mvar':
      return true;
    case 'szarray':
    case 'array':
    case 'ptr':
    case 'byref':
      return sigMentionsGenericParams(sig.element);
    case 'genericinst':
      return sig.args.some(sigMentionsGenericParams);
    case 'modified':
    case 'pinned':
      return sigMentionsGenericParams(sig.type);
    case 'fnptr':
      return sigMentionsGenericParams(sig.signature.returnType) || sig.signature.params.some(sigMentionsGenericParams);
    default:
      return false;
  }
}
