/** resolveToken for every token kind, ldtoken's handle types, and string literals. */

import { TableId, USER_STRING_TOKEN_TYPE, tableName, tokenRid, tokenTable } from '../ecma/index.js';
import {
  type CORINFO_CLASS_HANDLE,
  type CORINFO_CONST_LOOKUP,
  type CORINFO_MODULE_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type CORINFO_RESOLVED_TOKEN_IN,
  CorInfoTokenKind,
  EEError,
  NULL_CLASS_HANDLE,
  NULL_FIELD_HANDLE,
  NULL_METHOD_HANDLE,
  indirectLookup,
  isNullHandle,
  type mdToken,
} from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import { hexToken, type ModuleDesc } from './definitions.js';
import { fieldFromToken, methodFromToken } from './member-resolution.js';
import type { InstantiationContext, TypeDesc } from './type-desc.js';

const EMPTY = new Uint8Array(0);

function blobCopy(asm: ModuleDesc['assembly'], index: number): Uint8Array {
  return new Uint8Array(asm.blobs.get(index));
}

const TOKEN_TABLES_WITH_ROWS = new Set<number>([
  TableId.TypeDef,
  TableId.TypeRef,
  TableId.TypeSpec,
  TableId.MethodDef,
  TableId.MemberRef,
  TableId.MethodSpec,
  TableId.Field,
]);

function badToken(module: ModuleDesc, token: number, why: string): EEError {
  return new EEError('BadToken', `token 0x${hexToken(token)} does not resolve in ${module.name}: ${why}`);
}

function tokenContext(c: CompileContext, t: CORINFO_RESOLVED_TOKEN_IN): InstantiationContext {
  return isNullHandle(t.tokenContext) ? c.ts.methodContext(c.root) : c.rt.contextOf(t.tokenContext);
}

export function resolveToken(c: CompileContext, t: CORINFO_RESOLVED_TOKEN_IN): CORINFO_RESOLVED_TOKEN {
  const { rt, ts } = c;
  const module = rt.moduleOf(t.tokenScope);
  const asm = module.assembly;
  const token = t.token >>> 0;
  const table = tokenTable(token);
  const rid = tokenRid(token);
  if (table === USER_STRING_TOKEN_TYPE) throw badToken(module, token, 'it is a string token (use getStringLiteral)');
  if (!TOKEN_TABLES_WITH_ROWS.has(table)) throw badToken(module, token, `${tableName(table)} tokens name no type, method or field`);
  if (rid < 1 || rid > asm.rowCount(table)) throw badToken(module, token, `${tableName(table)} has ${asm.rowCount(table)} rows`);
  const ctx = tokenContext(c, t);
  const wants = t.tokenType & CorInfoTokenKind.CORINFO_TOKENKIND_Mask;

  let memberIsField: boolean | undefined;
  if (table === TableId.MemberRef) memberIsField = asm.memberRefSignature(rid).kind === 'field';
  const isType = table === TableId.TypeDef || table === TableId.TypeRef || table === TableId.TypeSpec;
  const isField = table === TableId.Field || memberIsField === true;
  const isMethod = !isType && !isField;
  const expected = (wants & CorInfoTokenKind.CORINFO_TOKENKIND_Class ? 1 : 0) | (wants & CorInfoTokenKind.CORINFO_TOKENKIND_Method ? 2 : 0) | (wants & CorInfoTokenKind.CORINFO_TOKENKIND_Field ? 4 : 0);
  const actual = isType ? 1 : isMethod ? 2 : 4;
  if ((expected & actual) === 0) {
    const what = ['', 'a type', 'a method', '', 'a field'];
    throw badToken(module, token, `it names ${what[actual]} where the instruction needs ${[1, 2, 4].filter((b) => expected & b).map((b) => what[b]).join(' or ')}`);
  }

  const base = { ...t, token };
  if (isType) {
    let type = ts.typeFromToken(module, token, ctx);
    if (t.tokenType === CorInfoTokenKind.CORINFO_TOKENKIND_Newarr) type = ts.arrayOf(type, 1, true);
    return {
      ...base,
      hClass: rt.classHandle(type),
      hMethod: NULL_METHOD_HANDLE,
      hField: NULL_FIELD_HANDLE,
      pTypeSpec: table === TableId.TypeSpec ? blobCopy(asm, asm.typeSpec(rid).signature) : EMPTY,
      pMethodSpec: EMPTY,
    };
  }
  const parentTypeSpec = table === TableId.MemberRef && tokenTable(asm.memberRef(rid).parent) === TableId.TypeSpec ? blobCopy(asm, asm.typeSpec(tokenRid(asm.memberRef(rid).parent)).signature) : EMPTY;
  // A MemberRef's class is its parent as written at the use site (possibly a
  // type derived from the member's declaring type), as the JIT expects for
  // constrained calls and devirtualisation; definitions give their owner.
  const parentType = memberRefParentType(c, module, table === TableId.MethodSpec ? asm.methodSpec(rid).method : token, ctx);
  if (isField) {
    const fd = fieldFromToken(ts, module, token, ctx);
    return {
      ...base,
      hClass: rt.classHandle(parentType ?? fd.owner),
      hMethod: NULL_METHOD_HANDLE,
      hField: rt.fieldHandle(fd),
      pTypeSpec: parentTypeSpec,
      pMethodSpec: EMPTY,
    };
  }
  const md = methodFromToken(ts, module, token, ctx);
  let pMethodSpec: Uint8Array = EMPTY;
  let pTypeSpec: Uint8Array = parentTypeSpec;
  if (table === TableId.MethodSpec) {
    const spec = asm.methodSpec(rid);
    pMethodSpec = blobCopy(asm, spec.instantiation);
    if (tokenTable(spec.method) === TableId.MemberRef) {
      const parent = asm.memberRef(tokenRid(spec.method)).parent;
      if (tokenTable(parent) === TableId.TypeSpec) pTypeSpec = blobCopy(asm, asm.typeSpec(tokenRid(parent)).signature);
    }
  }
  return {
    ...base,
    hClass: rt.classHandle(parentType ?? md.owner),
    hMethod: rt.methodHandle(md),
    hField: NULL_FIELD_HANDLE,
    pTypeSpec,
    pMethodSpec,
  };
}

/** The parent type of a MemberRef token (TypeDef, TypeRef or TypeSpec parents only). */
function memberRefParentType(c: CompileContext, module: ModuleDesc, token: number, ctx: InstantiationContext): TypeDesc | undefined {
  if (tokenTable(token) !== TableId.MemberRef) return undefined;
  const parent = module.assembly.memberRef(tokenRid(token)).parent;
  const table = tokenTable(parent);
  if (table !== TableId.TypeDef && table !== TableId.TypeRef && table !== TableId.TypeSpec) return undefined;
  return c.ts.typeFromToken(module, parent, ctx);
}

/** The struct ldtoken pushes: RuntimeMethodHandle, RuntimeFieldHandle or RuntimeTypeHandle. */
export function getTokenTypeAsHandle(c: CompileContext, token: CORINFO_RESOLVED_TOKEN): CORINFO_CLASS_HANDLE {
  const name = !isNullHandle(token.hMethod) ? 'RuntimeMethodHandle' : !isNullHandle(token.hField) ? 'RuntimeFieldHandle' : 'RuntimeTypeHandle';
  const t = c.ts.tryCorlibType('System', name);
  return t ? c.rt.classHandle(t) : NULL_CLASS_HANDLE;
}

export function getStringLiteral(c: CompileContext, moduleHandle: CORINFO_MODULE_HANDLE, token: mdToken): string | null {
  const module = c.rt.moduleOf(moduleHandle);
  const t = token >>> 0;
  if (tokenTable(t) !== USER_STRING_TOKEN_TYPE) return null;
  const offset = tokenRid(t);
  if (offset === 0 || offset >= module.assembly.userStrings.size) return null;
  try {
    return module.assembly.userString(t);
  } catch {
    return null;
  }
}

export function constructStringLiteral(c: CompileContext, moduleHandle: CORINFO_MODULE_HANDLE, token: mdToken): CORINFO_CONST_LOOKUP {
  const module = c.rt.moduleOf(moduleHandle);
  const text = getStringLiteral(c, moduleHandle, token);
  if (text === null) throw badToken(module, token >>> 0, 'it is not a valid user-string token');
  const cell = c.mode === 'r2r' ? c.imports.stringLiteral(module, token >>> 0, text) : c.rt.stringLiteralCell(module, token >>> 0);
  return indirectLookup(cell);
}
