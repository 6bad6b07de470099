/** Queries about fields: owner, name, type, offset, how to access them, and static content. */

import {
  CORINFO_FIELD_ACCESSOR,
  CORINFO_FIELD_FLAGS,
  type CORINFO_ACCESS_FLAGS,
  type CORINFO_CLASS_HANDLE,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_FIELD_INFO,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type CodeAddress,
  CorInfoHelpFunc,
  CorInfoInitClassResult,
  CorInfoIsAccessAllowedResult,
  EEError,
  type FieldTypeInfo,
  NULL_CONST_LOOKUP,
  NULL_CONTEXT_HANDLE,
  NULL_METHOD_HANDLE,
  directLookup,
  indirectLookup,
  isNullHandle,
} from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import { instanceLayout, storageOf } from './field-layout.js';
import type { FieldDesc } from './member-desc.js';
import { initClass } from './method-queries.js';
import { classForCorInfoType } from './signature-info.js';
import { staticPlacement } from './static-layout.js';
import { corInfoTypeOf } from './type-classification.js';

/** The field on the exact owner `parent` names (a base of it or itself), or `fd` when unrelated. */
function fieldInParent(c: CompileContext, fd: FieldDesc, parent: CORINFO_CLASS_HANDLE | undefined): FieldDesc {
  if (parent === undefined || isNullHandle(parent)) return fd;
  const owner = c.ts.ancestorWithDef(c.rt.typeOf(parent), fd.def.owner);
  return owner && owner !== fd.owner ? c.ts.fieldDesc(owner, fd.def) : fd;
}

export function getFieldType(c: CompileContext, field: CORINFO_FIELD_HANDLE, memberParent?: CORINFO_CLASS_HANDLE): FieldTypeInfo {
  const fd = fieldInParent(c, c.rt.fieldOf(field), memberParent);
  const t = c.ts.fieldType(fd);
  const type = corInfoTypeOf(c.ts, t);
  return { type, structType: classForCorInfoType(c.rt, t, type) };
}

export function getFieldOffset(c: CompileContext, field: CORINFO_FIELD_HANDLE): number {
  const fd = c.rt.fieldOf(field);
  if (fd.isStatic) {
    const p = staticPlacement(c.ts, fd);
    return p?.offset ?? 0;
  }
  const offset = instanceLayout(c.ts, fd.owner).fieldOffsets.get(fd);
  if (offset === undefined) throw new EEError('MissingField', `${fd.name} has no offset in ${c.rt.names.className(fd.owner)}`);
  return offset;
}

type FieldIntrinsic = 'emptyString' | 'zero' | 'littleEndian';

function fieldIntrinsic(c: CompileContext, fd: FieldDesc): FieldIntrinsic | undefined {
  const def = fd.def.owner;
  if (def.module !== c.rt.corlib || def.namespace !== 'System') return undefined;
  if (def.name === 'String' && fd.name === 'Empty') return c.mode === 'r2r' ? 'emptyString' : undefined;
  if ((def.name === 'IntPtr' || def.name === 'UIntPtr') && fd.name === 'Zero') return 'zero';
  if (def.name === 'BitConverter' && fd.name === 'IsLittleEndian') return 'littleEndian';
  return undefined;
}

export function getFieldInfo(
  c: CompileContext,
  token: CORINFO_RESOLVED_TOKEN,
  _callerHandle: CORINFO_METHOD_HANDLE,
  _flags: CORINFO_ACCESS_FLAGS,
): CORINFO_FIELD_INFO {
  const { rt, ts } = c;
  const A = CORINFO_FIELD_ACCESSOR;
  const FF = CORINFO_FIELD_FLAGS;
  const fd = fieldInParent(c, rt.fieldOf(token.hField), token.hClass);
  const t = ts.fieldType(fd);
  const fieldType = corInfoTypeOf(ts, t);
  const structType = classForCorInfoType(rt, t, fieldType);
  let fieldFlags = 0;
  if (fd.def.isInitOnly) fieldFlags |= FF.CORINFO_FLG_FIELD_FINAL;
  if (fd.def.isFamily) fieldFlags |= FF.CORINFO_FLG_FIELD_PROTECTED;
  const info = (fieldAccessor: CORINFO_FIELD_ACCESSOR, offset: number, helper: CorInfoHelpFunc = CorInfoHelpFunc.CORINFO_HELP_UNDEF, fieldLookup = NULL_CONST_LOOKUP): CORINFO_FIELD_INFO => ({
    fieldAccessor,
    fieldFlags,
    helper,
    offset,
    fieldType,
    structType,
    accessAllowed: CorInfoIsAccessAllowedResult.CORINFO_ACCESS_ALLOWED,
    fieldLookup,
  });

  if (!fd.isStatic) {
    const offset = instanceLayout(ts, fd.owner).fieldOffsets.get(fd);
    if (offset === undefined) throw new EEError('MissingField', `${fd.name} has no offset in ${rt.names.className(fd.owner)}`);
    return info(A.CORINFO_FIELD_INSTANCE, offset);
  }

  fieldFlags |= FF.CORINFO_FLG_FIELD_STATIC;
  if (fd.def.isLiteral) throw new EEError('InvalidProgram', `${rt.names.className(fd.owner)}::${fd.name} is a literal and has no storage`);
  const intrinsic = fieldIntrinsic(c, fd);
  // The field's address is the import cell holding the "" string object.
  if (intrinsic === 'emptyString') return info(A.CORINFO_FIELD_INTRINSIC_EMPTY_STRING, 0, CorInfoHelpFunc.CORINFO_HELP_UNDEF, directLookup(c.imports.emptyString()));
  if (intrinsic === 'zero') return info(A.CORINFO_FIELD_INTRINSIC_ZERO, 0);
  if (intrinsic === 'littleEndian') return info(A.CORINFO_FIELD_INTRINSIC_ISLITTLEENDIAN, 0);

  if (fd.def.hasRva) {
    fieldFlags |= FF.CORINFO_FLG_FIELD_UNMANAGED;
    return info(A.CORINFO_FIELD_STATIC_RVA_ADDRESS, 0, CorInfoHelpFunc.CORINFO_HELP_UNDEF, directLookup(rt.rvaFieldAddress(fd.def)));
  }

  const owner = fd.owner;
  const placement = staticPlacement(ts, fd);
  if (!placement) throw new EEError('MissingField', `${rt.names.className(owner)}::${fd.name} has no static storage`);
  if (placement.boxed) fieldFlags |= FF.CORINFO_FLG_FIELD_STATIC_IN_HEAP;
  const H = CorInfoHelpFunc;
  const shared = ts.containsCanon(owner);
  const isThread = placement.block === 'threadGC' || placement.block === 'threadNonGC';
  const isGC = placement.block === 'gc' || placement.block === 'threadGC';

  if (isThread) {
    if (c.mode === 'r2r') {
      const cell = c.imports.staticBase(owner, placement.block as 'threadGC' | 'threadNonGC');
      const helper = isGC ? H.CORINFO_HELP_READYTORUN_THREADSTATIC_BASE : H.CORINFO_HELP_READYTORUN_NONGCTHREADSTATIC_BASE;
      return info(A.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER, placement.offset, helper, indirectLookup(cell));
    }
    if (shared) {
      const helper = isGC ? H.CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE : H.CORINFO_HELP_GETDYNAMIC_NONGCTHREADSTATIC_BASE;
      return info(A.CORINFO_FIELD_STATIC_GENERICS_STATIC_HELPER, placement.offset, helper);
    }
    const helper = isGC ? H.CORINFO_HELP_GET_GCTHREADSTATIC_BASE : H.CORINFO_HELP_GET_NONGCTHREADSTATIC_BASE;
    return info(A.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER, placement.offset, helper);
  }

  if (shared) {
    const helper = isGC ? H.CORINFO_HELP_GETDYNAMIC_GCSTATIC_BASE : H.CORINFO_HELP_GETDYNAMIC_NONGCSTATIC_BASE;
    return info(A.CORINFO_FIELD_STATIC_GENERICS_STATIC_HELPER, placement.offset, helper);
  }
  if (c.mode === 'r2r') {
    const cell = c.imports.staticBase(owner, isGC ? 'gc' : 'nonGC');
    const helper = isGC ? H.CORINFO_HELP_READYTORUN_GCSTATIC_BASE : H.CORINFO_HELP_READYTORUN_NONGCSTATIC_BASE;
    return info(A.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER, placement.offset, helper, indirectLookup(cell));
  }
  const needsInit = initClass(c, rt.fieldHandle(fd), NULL_METHOD_HANDLE, NULL_CONTEXT_HANDLE) === CorInfoInitClassResult.CORINFO_INITCLASS_USE_HELPER;
  if (needsInit) fieldFlags |= FF.CORINFO_FLG_FIELD_INITCLASS;
  const address = (rt.staticBase(owner, isGC ? 'gc' : 'nonGC') + BigInt(placement.offset)) as CodeAddress;
  return info(A.CORINFO_FIELD_STATIC_ADDRESS, placement.offset, H.CORINFO_HELP_UNDEF, directLookup(address));
}

/**
 * Static data the JIT may fold. Nothing runs in this EE, so no class
 * constructor has filled any static: only read-only RVA statics (constant
 * data in the image) have known content.
 */
export function getStaticFieldContent(c: CompileContext, field: CORINFO_FIELD_HANDLE, offset: number, size: number): Uint8Array | null {
  const fd = c.rt.fieldOf(field);
  if (!fd.isStatic || !fd.def.hasRva || !fd.def.isInitOnly) return null;
  const total = storageOf(c.ts, c.ts.fieldType(fd)).size;
  if (offset < 0 || size < 0 || offset + size > total) return null;
  const data = fd.def.owner.module.assembly.fieldInitialData(fd.def.rid, total);
  return new Uint8Array(data.subarray(offset, offset + size));
}

export function getFieldClass(c: CompileContext, field: CORINFO_FIELD_HANDLE): CORINFO_CLASS_HANDLE {
  return c.rt.classHandle(c.rt.fieldOf(field).owner);
}
