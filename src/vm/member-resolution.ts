/**
 * MethodDef, MemberRef, MethodSpec and Field tokens → MethodDesc / FieldDesc
 * on their exact owner. A MemberRef names its parent type as written at the
 * call site (List<string>, or a derived class); the definition is found by
 * the ecma resolver and placed on the matching base type of that parent.
 */

import { TableId, describeToken, tokenRid, tokenTable, type MethodSig } from '../ecma/index.js';
import { EEError } from '../jitee/index.js';
import type { ModuleDesc, TypeDefinition } from './definitions.js';
import { eeGuard } from './errors.js';
import type { FieldDesc, MethodDesc, MethodSignature, SyntheticMethodKind } from './member-desc.js';
import type { ArrayType, DefType, InstantiationContext, TypeDesc } from './type-desc.js';
import type { TypeSystem } from './type-system.js';

const ARRAY_METHOD_KINDS: Readonly<Record<string, SyntheticMethodKind>> = {
  Get: 'arrayGet',
  Set: 'arraySet',
  Address: 'arrayAddress',
  '.ctor': 'arrayCtor',
};

function what(module: ModuleDesc, token: number): string {
  return `resolving ${describeToken(token)} in ${module.name}`;
}

/** The instantiation of a member's owner when only its definition is known (bare MethodDef/FieldDef tokens). */
function ownerInContext(ts: TypeSystem, owner: TypeDefinition, ctx: InstantiationContext): DefType {
  if (owner.genericParamCount === 0) return ts.typical(owner);
  if (ctx.owner) {
    const match = ts.ancestorWithDef(ctx.owner, owner);
    if (match) return match;
  }
  return ts.typical(owner);
}

/** The type, among `parent` and its bases and interfaces, that declares a member of `owner`. */
function exactOwner(ts: TypeSystem, parent: TypeDesc, owner: TypeDefinition): DefType {
  const ancestor = ts.ancestorWithDef(parent, owner);
  if (ancestor) return ancestor;
  if (parent.kind === 'def') {
    const iface = ts.interfacesOf(parent).find((i) => i.def === owner);
    if (iface) return iface;
  }
  return ts.typical(owner);
}

function typicalMethodArgs(ts: TypeSystem, def: { genericParamCount: number; key: string }): TypeDesc[] {
  const args: TypeDesc[] = [];
  for (let i = 0; i < def.genericParamCount; i++) args.push(ts.genericParam('method', i, def.key));
  return args;
}

export function methodFromToken(ts: TypeSystem, module: ModuleDesc, token: number, ctx: InstantiationContext): MethodDesc {
  return eeGuard(what(module, token), () => {
    const asm = module.assembly;
    const rid = tokenRid(token);
    switch (tokenTable(token)) {
      case TableId.MethodDef: {
        const def = module.methodDefinition(rid);
        return ts.methodDesc(ownerInContext(ts, def.owner, ctx), def, typicalMethodArgs(ts, def));
      }
      case TableId.MemberRef: {
        const row = asm.memberRef(rid);
        const sig = asm.memberRefSignature(rid);
        if (sig.kind !== 'method') throw new EEError('BadToken', `${describeToken(token)} (${row.name}) in ${module.name} names a field, not a method`);
        const parent = row.parent;
        if (tokenTable(parent) === TableId.MethodDef) return methodFromToken(ts, module, parent, ctx);
        const parentType = tokenTable(parent) === TableId.ModuleRef ? undefined : ts.typeFromToken(module, parent, ctx);
        if (parentType && parentType.kind === 'array') return arrayMethod(ts, parentType, row.name, sig.signature, module, token, ctx);
        const resolved = ts.resolver.resolveMemberRef(asm, rid);
        if (resolved.kind !== 'method') throw new EEError('MissingMethod', `${describeToken(token)} (${row.name}) in ${module.name} does not resolve to a method`);
        const def = ts.module(resolved.method.assembly).methodDefinition(resolved.method.rid);
        const owner = parentType ? exactOwner(ts, parentType, def.owner) : ts.typical(def.owner);
        return ts.methodDesc(owner, def, typicalMethodArgs(ts, def));
      }
      case TableId.MethodSpec: {
        const spec = asm.methodSpec(rid);
        const generic = methodFromToken(ts, module, spec.method, ctx);
        if (!generic.def || !generic.ownerDef) throw new EEError('BadToken', `${describeToken(token)} in ${module.name} instantiates a method that is not generic`);
        const args = asm.methodSpecInstantiation(rid).map((s) => ts.typeFromSig(module, s, ctx));
        return ts.methodDesc(generic.ownerDef, generic.def, args);
      }
    }
    throw new EEError('BadToken', `${describeToken(token)} in ${module.name} is not a method token`);
  });
}

export function fieldFromToken(ts: TypeSystem, module: ModuleDesc, token: number, ctx: InstantiationContext): FieldDesc {
  return eeGuard(what(module, token), () => {
    const asm = module.assembly;
    const rid = tokenRid(token);
    switch (tokenTable(token)) {
      case TableId.Field: {
        const def = module.fieldDefinition(rid);
        return ts.fieldDesc(ownerInContext(ts, def.owner, ctx), def);
      }
      case TableId.MemberRef: {
        const row = asm.memberRef(rid);
        const sig = asm.memberRefSignature(rid);
        if (sig.kind !== 'field') throw new EEError('BadToken', `${describeToken(token)} (${row.name}) in ${module.name} names a method, not a field`);
        const parent = row.parent;
        const parentType = tokenTable(parent) === TableId.ModuleRef ? undefined : ts.typeFromToken(module, parent, ctx);
        const resolved = ts.resolver.resolveMemberRef(asm, rid);
        if (resolved.kind !== 'field') throw new EEError('MissingField', `${describeToken(token)} (${row.name}) in ${module.name} does not resolve to a field`);
        const def = ts.module(resolved.field.assembly).fieldDefinition(resolved.field.rid);
        const owner = parentType ? exactOwner(ts, parentType, def.owner) : ts.typical(def.owner);
        return ts.fieldDesc(owner, def);
      }
    }
    throw new EEError('BadToken', `${describeToken(token)} in ${module.name} is not a field token`);
  });
}

/** Get, Set, Address and .ctor of an array type: provided by the runtime, no MethodDef. */
function arrayMethod(
  ts: TypeSystem,
  array: ArrayType,
  name: string,
  raw: MethodSig,
  module: ModuleDesc,
  token: number,
  ctx: InstantiationContext,
): MethodDesc {
  const kind = ARRAY_METHOD_KINDS[name];
  if (!kind) throw new EEError('MissingMethod', `${describeToken(token)} in ${module.name}: arrays have no method ${name}`);
  const asm = module.assembly;
  const signature: MethodSignature = {
    callingConvention: raw.callingConvention,
    hasThis: raw.hasThis,
    explicitThis: raw.explicitThis,
    genericParamCount: 0,
    returnType: ts.typeFromSig(module, raw.returnType, ctx),
    params: raw.params.map((p) => ts.typeFromSig(module, p, ctx)),
    sentinelIndex: raw.sentinelIndex,
    module,
    blob: new Uint8Array(asm.blobs.get(asm.memberRef(tokenRid(token)).signature)),
    token,
  };
  return ts.syntheticMethod(array, kind, name, `${name}/${signature.params.length}`, signature);
}
