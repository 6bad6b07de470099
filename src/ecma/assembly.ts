import { decodeCustomAttribute, type CaTypeContext, type CustomAttributeValue } from './attributes/custom-attribute.js';
import { AssemblyRelations } from './assembly-relations.js';
import { FieldC, MemberRefC, MethodC, TypeDefC, TypeRefC } from './columns.js';
import { hex } from './errors.js';
import { FieldAttributes } from './flags.js';
import { readMethodBody, type MethodBody } from './il/method-body.js';
import { MetadataImage } from './metadata-image.js';
import {
  decodeFieldSig,
  decodeLocalVarSig,
  decodeMemberRefSig,
  decodeMethodSig,
  decodeMethodSpec,
  decodePropertySig,
  decodeStandAloneSig,
  decodeTypeSpec,
} from './signatures/decode.js';
import { ElementType } from './signatures/element-type.js';
import { formatMethodSig, formatTypeSig } from './signatures/format.js';
import { SigReader } from './signatures/sig-reader.js';
import type { MemberRefSig, MethodSig, PropertySig, StandAloneSig, TypeSig } from './signatures/sig-types.js';
import { TableId as T, USER_STRING_TOKEN_TYPE } from './tables/table-ids.js';
import { describeToken, makeToken, tokenRid, tokenTable } from './tables/tokens.js';

/** Resolves enum types named by a custom attribute (usually an AssemblyResolver). */
export interface EnumTypeResolver {
  /** Underlying element type of enum `typeToken` (TypeDef/TypeRef of `assembly`). */
  enumUnderlyingType(assembly: Assembly, typeToken: number): number;
  /** Same, for a serialized type name as found in attribute blobs. */
  enumUnderlyingTypeByName(assembly: Assembly, typeName: string): number;
}

/**
 * A loaded assembly (one module): typed access to its metadata tables,
 * heaps, signatures, method bodies and custom attributes. Decoding is lazy and
 * cached; nothing here loads other assemblies (see AssemblyResolver).
 */
export class Assembly extends AssemblyRelations {
  /** Opens and parses the file at `path`. Throws InputError/EcmaFormatError for bad input. */
  static open(path: string): Assembly {
    return new Assembly(MetadataImage.readFile(path), path);
  }

  /** Parses an assembly image held in memory; `displayPath` names it in errors. */
  static fromBytes(bytes: Uint8Array, displayPath: string): Assembly {
    return new Assembly(bytes, displayPath);
  }

  private readonly methodSigs = new Map<number, MethodSig>();
  private readonly fieldSigs = new Map<number, TypeSig>();
  private readonly memberRefSigs = new Map<number, MemberRefSig>();
  private readonly typeSpecSigs = new Map<number, TypeSig>();
  private readonly bodies = new Map<number, MethodBody>();

  // ---- signatures -----------------------------------------------------------

  /** Decodes blob `blobIndex` with `decode`; errors name the owning row. */
  decodeBlob<S>(blobIndex: number, owner: number, decode: (r: SigReader) => S): S {
    const bytes = this.blobs.get(blobIndex);
    const what = `signature of ${describeToken(owner)} (blob ${hex(blobIndex)})`;
    const r = new SigReader(bytes, (problem) => this.file.fail(`${what}: ${problem}`));
    return decode(r);
  }

  methodSignature(methodRid: number): MethodSig {
    let sig = this.methodSigs.get(methodRid);
    if (!sig) {
      const token = makeToken(T.MethodDef, methodRid);
      sig = this.decodeBlob(this.table(T.MethodDef).get(methodRid, MethodC.Sig), token, decodeMethodSig);
      this.methodSigs.set(methodRid, sig);
    }
    return sig;
  }

  fieldSignature(fieldRid: number): TypeSig {
    let sig = this.fieldSigs.get(fieldRid);
    if (!sig) {
      sig = this.decodeBlob(this.table(T.Field).get(fieldRid, FieldC.Sig), makeToken(T.Field, fieldRid), decodeFieldSig);
      this.fieldSigs.set(fieldRid, sig);
    }
    return sig;
  }

  memberRefSignature(memberRefRid: number): MemberRefSig {
    let sig = this.memberRefSigs.get(memberRefRid);
    if (!sig) {
      const blob = this.table(T.MemberRef).get(memberRefRid, MemberRefC.Sig);
      sig = this.decodeBlob(blob, makeToken(T.MemberRef, memberRefRid), decodeMemberRefSig);
      this.memberRefSigs.set(memberRefRid, sig);
    }
    return sig;
  }

  typeSpecSignature(typeSpecRid: number): TypeSig {
    let sig = this.typeSpecSigs.get(typeSpecRid);
    if (!sig) {
      sig = this.decodeBlob(this.typeSpec(typeSpecRid).signature, makeToken(T.TypeSpec, typeSpecRid), decodeTypeSpec);
      this.typeSpecSigs.set(typeSpecRid, sig);
    }
    return sig;
  }

  /** Type arguments of a MethodSpec. */
  methodSpecInstantiation(methodSpecRid: number): TypeSig[] {
    return this.decodeBlob(this.methodSpec(methodSpecRid).instantiation, makeToken(T.MethodSpec, methodSpecRid), decodeMethodSpec);
  }

  standAloneSignature(rid: number): StandAloneSig {
    return this.decodeBlob(this.standAloneSig(rid).signature, makeToken(T.StandAloneSig, rid), decodeStandAloneSig);
  }

  propertySignature(propertyRid: number): PropertySig {
    return this.decodeBlob(this.property(propertyRid).signature, makeToken(T.Property, propertyRid), decodePropertySig);
  }

  /** Types of a method's locals (empty when the body declares none). */
  localVariables(methodRid: number): TypeSig[] {
    const body = this.methodBody(methodRid);
    if (!body || body.localVarSigToken === 0) return [];
    const tok = body.localVarSigToken;
    if (tokenTable(tok) !== T.StandAloneSig) {
      this.file.fail(`${describeToken(makeToken(T.MethodDef, methodRid))} has local signature token ${describeToken(tok)}, not a StandAloneSig`);
    }
    return this.decodeBlob(this.standAloneSig(tokenRid(tok)).signature, tok, decodeLocalVarSig);
  }

  /** `instance default void Name (int32)` style text of a method (for listings). */
  formatMethod(methodRid: number): string {
    return formatMethodSig(this.methodSignature(methodRid), this.methodDef(methodRid).name, (t) => this.typeName(t));
  }

  /** Text of a type signature with this assembly's type names. */
  formatType(sig: TypeSig): string {
    return formatTypeSig(sig, (t) => this.typeName(t));
  }

  // ---- IL -------------------------------------------------------------------

  /** The method's body, or undefined when it has none (RVA 0). Decoded once, then cached. */
  methodBody(methodRid: number): MethodBody | undefined {
    const rva = this.table(T.MethodDef).get(methodRid, MethodC.RVA);
    if (rva === 0) return undefined;
    let body = this.bodies.get(methodRid);
    if (!body) {
      body = readMethodBody(this.pe, rva, describeToken(makeToken(T.MethodDef, methodRid)));
      this.bodies.set(methodRid, body);
    }
    return body;
  }

  /** The string an `ldstr` token (0x70xxxxxx) or #US offset refers to. */
  userString(tokenOrOffset: number): string {
    if (tokenTable(tokenOrOffset) !== 0 && tokenTable(tokenOrOffset) !== USER_STRING_TOKEN_TYPE) {
      this.file.fail(`${describeToken(tokenOrOffset)} is not a user string token`);
    }
    return this.userStrings.get(tokenRid(tokenOrOffset));
  }

  // ---- custom attributes ----------------------------------------------------

  /** Declaring type token (TypeDef, TypeRef or TypeSpec) of an attribute constructor. */
  attributeTypeToken(caRid: number): number {
    const ctor = this.customAttribute(caRid).constructor;
    if (tokenTable(ctor) === T.MethodDef) return makeToken(T.TypeDef, this.declaringTypeOfMethod(tokenRid(ctor)));
    const parent = this.memberRef(tokenRid(ctor)).parent;
    if (tokenTable(parent) === T.MethodDef) return makeToken(T.TypeDef, this.declaringTypeOfMethod(tokenRid(parent)));
    return parent;
  }

  /** Namespace and name of an attribute's type, without resolving other assemblies. */
  attributeTypeName(caRid: number): { namespace: string; name: string } {
    let tok = this.attributeTypeToken(caRid);
    if (tokenTable(tok) === T.TypeSpec) {
      const sig = this.typeSpecSignature(tokenRid(tok));
      if (sig.kind !== 'genericinst') return { namespace: '', name: this.typeName(tok) };
      tok = sig.genericType;
    }
    if (tokenTable(tok) === T.TypeDef) {
      const d = this.typeDef(tokenRid(tok));
      return { namespace: d.namespace, name: d.name };
    }
    const r = this.typeRef(tokenRid(tok));
    return { namespace: r.namespace, name: r.name };
  }

  /** The constructor signature of a custom attribute. */
  attributeConstructorSignature(caRid: number): MethodSig {
    const ctor = this.customAttribute(caRid).constructor;
    if (tokenTable(ctor) === T.MethodDef) return this.methodSignature(tokenRid(ctor));
    const sig = this.memberRefSignature(tokenRid(ctor));
    if (sig.kind !== 'method') this.file.fail(`custom attribute ${hex(caRid)} constructor ${describeToken(ctor)} is a field`);
    return sig.signature;
  }

  /**
   * Decodes a custom attribute's arguments. Enums defined in this assembly are
   * handled here; enums from elsewhere need `resolver`.
   */
  customAttributeValue(caRid: number, resolver?: EnumTypeResolver): CustomAttributeValue {
    const ctorSig = this.attributeConstructorSignature(caRid);
    const ctx: CaTypeContext = {
      typeName: (token) => this.typeName(token),
      isSystemType: (token) => this.isTypeNamed(token, 'System', 'Type'),
      enumUnderlyingType: (token) => {
        if (tokenTable(token) === T.TypeDef) return this.enumUnderlyingTypeOf(tokenRid(token));
        if (resolver) return resolver.enumUnderlyingType(this, token);
        return this.file.fail(`custom attribute ${hex(caRid)} uses enum ${this.typeName(token)} from another assembly; an assembly resolver is needed`);
      },
      enumUnderlyingTypeByName: (name) => {
        const local = this.findTypeDefByFullName(name.split(',')[0]!.trim());
        if (local) return this.enumUnderlyingTypeOf(local);
        if (resolver) return resolver.enumUnderlyingTypeByName(this, name);
        return this.file.fail(`custom attribute ${hex(caRid)} uses enum ${name}; an assembly resolver is needed`);
      },
    };
    const blob = this.customAttribute(caRid).value;
    return this.decodeBlob(blob, makeToken(T.CustomAttribute, caRid), (r) => decodeCustomAttribute(r, ctorSig, ctx));
  }

  /** True if a TypeDef/TypeRef token has this namespace and name (no resolution). */
  isTypeNamed(token: number, namespace: string, name: string): boolean {
    const rid = tokenRid(token);
    if (rid === 0) return false;
    if (tokenTable(token) === T.TypeDef) {
      const t = this.table(T.TypeDef);
      return this.strings.get(t.get(rid, TypeDefC.Name)) === name && this.strings.get(t.get(rid, TypeDefC.Ns)) === namespace;
    }
    if (tokenTable(token) === T.TypeRef) {
      const t = this.table(T.TypeRef);
      return this.strings.get(t.get(rid, TypeRefC.Name)) === name && this.strings.get(t.get(rid, TypeRefC.Ns)) === namespace;
    }
    return false;
  }

  /**
   * Underlying element type of an enum TypeDef: the type of its one instance
   * field (value__).
   */
  enumUnderlyingTypeOf(typeDefRid: number): number {
    for (const f of this.typeDefFields(typeDefRid)) {
      if (this.table(T.Field).get(f, FieldC.Flags) & FieldAttributes.Static) continue;
      const sig = this.fieldSignature(f);
      if (sig.kind === 'primitive' && sig.type >= ElementType.Boolean && sig.type <= ElementType.U8) return sig.type;
      if (sig.kind === 'primitive' && (sig.type === ElementType.I || sig.type === ElementType.U)) return sig.type;
      break;
    }
    return this.file.fail(`${describeToken(makeToken(T.TypeDef, typeDefRid))} ${this.typeDefFullName(typeDefRid)} is not an enum (no integral instance field)`);
  }
}
