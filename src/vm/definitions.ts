/**
 * Metadata definitions as the type system sees them: a module (one loaded
 * assembly) and its TypeDef, MethodDef and Field rows with their decoded
 * attributes. Nothing here depends on instantiation; TypeDesc and MethodDesc
 * put definitions in context.
 */

import {
  type Assembly,
  FieldAttributes,
  type MethodSig,
  MethodAttributes,
  MethodImplAttributes,
  TableId,
  type TypeSig,
  TypeAttributes,
  makeToken,
} from '../ecma/index.js';
import type { CORINFO_MODULE_HANDLE } from '../jitee/index.js';

export function hexToken(token: number): string {
  return (token >>> 0).toString(16).padStart(8, '0');
}

/** Global definition indexes of a module's rows (see README: structured placement). */
export interface ModuleSpans {
  readonly typeBase: number;
  readonly methodBase: number;
  readonly fieldBase: number;
  readonly userStringBase: number;
  readonly imageSlotBase: number;
}

export class ModuleDesc {
  /** Simple assembly name: part of every identity string, so handles do not depend on paths. */
  readonly name: string;
  handle: CORINFO_MODULE_HANDLE | undefined;
  /** Position in the Runtime's sorted assembly closure, or undefined for a module loaded later. */
  spans: ModuleSpans | undefined;
  private readonly types: (TypeDefinition | undefined)[] = [];
  private readonly methods: (MethodDefinition | undefined)[] = [];
  private readonly fields: (FieldDefinition | undefined)[] = [];

  constructor(readonly assembly: Assembly) {
    this.name = assembly.name;
  }

  typeDefinition(rid: number): TypeDefinition {
    let t = this.types[rid];
    if (!t) {
      this.assembly.table(TableId.TypeDef).checkRid(rid);
      t = new TypeDefinition(this, rid);
      this.types[rid] = t;
    }
    return t;
  }

  methodDefinition(rid: number): MethodDefinition {
    let m = this.methods[rid];
    if (!m) {
      this.assembly.table(TableId.MethodDef).checkRid(rid);
      const ownerRid = this.assembly.declaringTypeOfMethod(rid);
      if (ownerRid === 0) throw new RangeError(`MethodDef 0x${hexToken(makeToken(TableId.MethodDef, rid))} belongs to no type`);
      m = new MethodDefinition(this.typeDefinition(ownerRid), rid);
      this.methods[rid] = m;
    }
    return m;
  }

  fieldDefinition(rid: number): FieldDefinition {
    let f = this.fields[rid];
    if (!f) {
      this.assembly.table(TableId.Field).checkRid(rid);
      const ownerRid = this.assembly.declaringTypeOfField(rid);
      if (ownerRid === 0) throw new RangeError(`Field 0x${hexToken(makeToken(TableId.Field, rid))} belongs to no type`);
      f = new FieldDefinition(this.typeDefinition(ownerRid), rid);
      this.fields[rid] = f;
    }
    return f;
  }

  get typeCount(): number {
    return this.assembly.rowCount(TableId.TypeDef);
  }
}

/** What kind of type a TypeDef is (decided by the type system from its base type). */
export type TypeCategory = 'class' | 'interface' | 'valuetype' | 'enum' | 'primitive';

export class TypeDefinition {
  /** Filled by the type system. */
  _category: TypeCategory | undefined;
  readonly token: number;
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly flags: number;
  readonly extendsToken: number;
  readonly genericParamCount: number;
  private _fullName: string | undefined;
  private _methods: MethodDefinition[] | undefined;
  private _fields: FieldDefinition[] | undefined;
  private _enclosing: TypeDefinition | null | undefined;

  constructor(
    readonly module: ModuleDesc,
    readonly rid: number,
  ) {
    const row = module.assembly.typeDef(rid);
    this.token = row.token;
    this.key = `${module.name}!${hexToken(row.token)}`;
    this.name = row.name;
    this.namespace = row.namespace;
    this.flags = row.flags;
    this.extendsToken = row.extends;
    this.genericParamCount = module.assembly.genericParams(row.token).length;
  }

  /** `Namespace.Outer/Inner` as in metadata. */
  get fullName(): string {
    return (this._fullName ??= this.module.assembly.typeDefFullName(this.rid));
  }

  get enclosing(): TypeDefinition | undefined {
    if (this._enclosing === undefined) {
      const rid = this.module.assembly.enclosingType(this.rid);
      this._enclosing = rid ? this.module.typeDefinition(rid) : null;
    }
    return this._enclosing ?? undefined;
  }

  get methods(): readonly MethodDefinition[] {
    return (this._methods ??= this.module.assembly.typeDefMethods(this.rid).map((r) => this.module.methodDefinition(r)));
  }

  get fields(): readonly FieldDefinition[] {
    return (this._fields ??= this.module.assembly.typeDefFields(this.rid).map((r) => this.module.fieldDefinition(r)));
  }

  get isInterface(): boolean {
    return (this.flags & TypeAttributes.ClassSemanticsMask) === TypeAttributes.Interface;
  }
  get isSealed(): boolean {
    return (this.flags & TypeAttributes.Sealed) !== 0;
  }
  get isAbstract(): boolean {
    return (this.flags & TypeAttributes.Abstract) !== 0;
  }
  get isBeforeFieldInit(): boolean {
    return (this.flags & TypeAttributes.BeforeFieldInit) !== 0;
  }
  get layoutKind(): 'auto' | 'sequential' | 'explicit' {
    const l = this.flags & TypeAttributes.LayoutMask;
    return l === TypeAttributes.ExplicitLayout ? 'explicit' : l === TypeAttributes.SequentialLayout ? 'sequential' : 'auto';
  }

  /** The static constructor, if the type has one. */
  get classConstructor(): MethodDefinition | undefined {
    return this.methods.find((m) => m.name === '.cctor' && m.isStatic);
  }

  /** True when a custom attribute of this namespace and name is attached. */
  hasAttribute(namespace: string, name: string): boolean {
    return hasAttribute(this.module.assembly, this.token, namespace, name);
  }
}

export class MethodDefinition {
  readonly token: number;
  readonly key: string;
  readonly name: string;
  readonly flags: number;
  readonly implFlags: number;
  readonly rva: number;
  private _sig: MethodSig | undefined;
  private _genericParamCount: number | undefined;

  constructor(
    readonly owner: TypeDefinition,
    readonly rid: number,
  ) {
    const row = owner.module.assembly.methodDef(rid);
    this.token = row.token;
    this.key = `${owner.module.name}!${hexToken(row.token)}`;
    this.name = row.name;
    this.flags = row.flags;
    this.implFlags = row.implFlags;
    this.rva = row.rva;
  }

  get module(): ModuleDesc {
    return this.owner.module;
  }

  /** The decoded (uninstantiated) signature. */
  get signature(): MethodSig {
    return (this._sig ??= this.owner.module.assembly.methodSignature(this.rid));
  }

  get genericParamCount(): number {
    return (this._genericParamCount ??= this.owner.module.assembly.genericParams(this.token).length);
  }

  /** The signature blob as stored in #Blob. */
  get signatureBlob(): Uint8Array {
    const assembly = this.owner.module.assembly;
    return new Uint8Array(assembly.blobs.get(assembly.methodDef(this.rid).signature));
  }

  get isStatic(): boolean {
    return (this.flags & MethodAttributes.Static) !== 0;
  }
  get isVirtual(): boolean {
    return (this.flags & MethodAttributes.Virtual) !== 0;
  }
  get isAbstract(): boolean {
    return (this.flags & MethodAttributes.Abstract) !== 0;
  }
  get isFinal(): boolean {
    return (this.flags & MethodAttributes.Final) !== 0;
  }
  get isNewSlot(): boolean {
    return (this.flags & MethodAttributes.VtableLayoutMask) === MethodAttributes.NewSlot;
  }
  get isConstructor(): boolean {
    return (this.flags & MethodAttributes.RTSpecialName) !== 0 && (this.name === '.ctor' || this.name === '.cctor');
  }
  get isPInvoke(): boolean {
    return (this.flags & MethodAttributes.PInvokeImpl) !== 0;
  }
  get isInternalCall(): boolean {
    return (this.implFlags & MethodImplAttributes.InternalCall) !== 0;
  }
  get isRuntimeImplemented(): boolean {
    return (this.implFlags & MethodImplAttributes.CodeTypeMask) === MethodImplAttributes.Runtime;
  }
  get hasILBody(): boolean {
    return this.rva !== 0 && (this.implFlags & MethodImplAttributes.CodeTypeMask) === MethodImplAttributes.IL;
  }
  get isAsync(): boolean {
    return (this.implFlags & MethodImplAttributes.Async) !== 0;
  }

  hasAttribute(namespace: string, name: string): boolean {
    return hasAttribute(this.owner.module.assembly, this.token, namespace, name);
  }
}

export class FieldDefinition {
  readonly token: number;
  readonly key: string;
  readonly name: string;
  readonly flags: number;
  private _sig: TypeSig | undefined;

  constructor(
    readonly owner: TypeDefinition,
    readonly rid: number,
  ) {
    const row = owner.module.assembly.field(rid);
    this.token = row.token;
    this.key = `${owner.module.name}!${hexToken(row.token)}`;
    this.name = row.name;
    this.flags = row.flags;
  }

  get signature(): TypeSig {
    return (this._sig ??= this.owner.module.assembly.fieldSignature(this.rid));
  }

  get isStatic(): boolean {
    return (this.flags & FieldAttributes.Static) !== 0;
  }
  get isLiteral(): boolean {
    return (this.flags & FieldAttributes.Literal) !== 0;
  }
  get isInitOnly(): boolean {
    return (this.flags & FieldAttributes.InitOnly) !== 0;
  }
  get hasRva(): boolean {
    return (this.flags & FieldAttributes.HasFieldRVA) !== 0;
  }
  get isFamily(): boolean {
    return (this.flags & FieldAttributes.FieldAccessMask) === FieldAttributes.Family;
  }
  /** [ThreadStatic]. */
  get isThreadStatic(): boolean {
    return this.isStatic && hasAttribute(this.owner.module.assembly, this.token, 'System', 'ThreadStaticAttribute');
  }
}

function hasAttribute(assembly: Assembly, token: number, namespace: string, name: string): boolean {
  for (const ca of assembly.customAttributes(token)) {
    const t = assembly.attributeTypeName(ca);
    if (t.name === name && t.namespace === namespace) return true;
  }
  return false;
}
