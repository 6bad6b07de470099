/**
 * Where code reaches things: method entry points, JIT helpers, ReadyToRun
 * helper cells, embedded handles, relocation hints.
 *
 * jit mode (CoreCLR at run time): IAT_VALUE final addresses. A helper is a
 * native stub at a fixed address per helper number, except the helpers the
 * corlib implements in managed code (the six CORINFO_HELP_ASYNC_* of the
 * `diff` version and CORINFO_HELP_ALLOC_CONTINUATION*), which resolve to the
 * AsyncHelpers method's entry point, with that method's handle, the way
 * CoreCLR's dynamic JIT helpers do.
 *
 * r2r mode (crossgen2): IAT_PVALUE import cells with fixups; a helper's cell
 * carries its READYTORUN_HELPER id from the served version's table, so an
 * async helper's cell is distinct from the MethodEntry cell of the method
 * behind it.
 */

import {
  ASYNC_CONTEXT_CALLS,
  type CORINFO_ACCESS_FLAGS,
  type CORINFO_CLASS_HANDLE,
  type CORINFO_CONST_LOOKUP,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_LOOKUP_KIND,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type CodeAddress,
  CorInfoHelpFunc,
  type CorInfoHelpName,
  EEError,
  type HelperFtnInfo,
  NULL_METHOD_HANDLE,
  ReadyToRunFixupKind,
  RelocType,
  directLookup,
  formatHelper,
  helperName,
  indirectLookup,
  isNullHandle,
  isValidHelper,
  r2rHelperFor,
} from '../jitee/index.js';
import { AddressMap } from './address-map.js';
import type { CompileContext } from './compile-context.js';
import type { MethodDesc } from './member-desc.js';

/** JIT helpers the corlib implements in managed code: helper name → AsyncHelpers method name. */
export const MANAGED_HELPERS: Readonly<Partial<Record<CorInfoHelpName, string>>> = {
  ...Object.fromEntries(ASYNC_CONTEXT_CALLS.map((call) => [call.helper, call.managedName])),
  CORINFO_HELP_ALLOC_CONTINUATION: 'AllocContinuation',
  CORINFO_HELP_ALLOC_CONTINUATION_METHOD: 'AllocContinuationMethod',
  CORINFO_HELP_ALLOC_CONTINUATION_CLASS: 'AllocContinuationClass',
};

const REQUIRED_MANAGED = new Set<string>(ASYNC_CONTEXT_CALLS.map((call) => call.helper));

/** The managed method behind a helper, if the corlib provides one (required for the async context helpers). */
function managedHelperMethod(c: CompileContext, name: CorInfoHelpName): MethodDesc | undefined {
  const managedName = MANAGED_HELPERS[name];
  if (!managedName) return undefined;
  try {
    return c.rt.asyncHelperMethod(managedName);
  } catch (err) {
    if (REQUIRED_MANAGED.has(name)) throw err;
    if (err instanceof EEError) return undefined;
    throw err;
  }
}

export function getHelperFtn(c: CompileContext, helper: CorInfoHelpFunc): HelperFtnInfo {
  const table = c.version.helpers;
  if (!isValidHelper(table, helper)) {
    throw new EEError('NotSupported', `${formatHelper(helper)} is not a helper of JIT-EE interface version '${c.version.id}'`);
  }
  const name = helperName(table, helper)!;
  const managed = managedHelperMethod(c, name);
  const method = managed ? c.rt.methodHandle(managed) : NULL_METHOD_HANDLE;
  if (c.mode === 'r2r') {
    const cell = c.imports.helper(helper, r2rHelperFor(c.version.id, helper), managed ? method : undefined);
    return { lookup: indirectLookup(cell), method };
  }
  if (managed) return { lookup: directLookup(c.rt.entryPoint(managed)), method };
  const stub = c.rt.addresses.helperStub(helper);
  c.rt.addresses.describe(stub, `helper ${name}`);
  return { lookup: directLookup(stub), method };
}

export function getFunctionEntryPoint(c: CompileContext, ftn: CORINFO_METHOD_HANDLE, _accessFlags: CORINFO_ACCESS_FLAGS): CORINFO_CONST_LOOKUP {
  const md = c.rt.methodOf(ftn);
  return c.mode === 'r2r' ? indirectLookup(c.imports.methodEntry(md)) : directLookup(c.rt.entryPoint(md));
}

export function getReadyToRunHelper(
  c: CompileContext,
  token: CORINFO_RESOLVED_TOKEN,
  lookupKind: CORINFO_LOOKUP_KIND | null,
  helper: CorInfoHelpFunc,
): CORINFO_CONST_LOOKUP | null {
  if (c.mode !== 'r2r' || lookupKind?.needsRuntimeLookup) return null;
  const { rt } = c;
  const H = CorInfoHelpFunc;
  const K = ReadyToRunFixupKind;
  const type = () => rt.typeOf(token.hClass);
  const defType = () => {
    const t = type();
    if (t.kind !== 'def') throw new EEError('InvalidProgram', `${rt.names.className(t)} has no static base`);
    return t;
  };
  let cell: CodeAddress;
  switch (helper) {
    case H.CORINFO_HELP_READYTORUN_NEW:
      cell = c.imports.specialised(K.READYTORUN_FIXUP_NewObject, 'NewObject', type());
      break;
    case H.CORINFO_HELP_READYTORUN_NEWARR_1:
      cell = c.imports.specialised(K.READYTORUN_FIXUP_NewArray, 'NewArray', type());
      break;
    case H.CORINFO_HELP_READYTORUN_ISINSTANCEOF:
      cell = c.imports.specialised(K.READYTORUN_FIXUP_IsInstanceOf, 'TypeCheck', type());
      break;
    case H.CORINFO_HELP_READYTORUN_CHKCAST:
      cell = c.imports.specialised(K.READYTORUN_FIXUP_ChkCast, 'TypeCheck', type());
      break;
    case H.CORINFO_HELP_READYTORUN_GCSTATIC_BASE:
    case H.CORINFO_HELP_READYTORUN_GENERIC_STATIC_BASE:
      cell = c.imports.staticBase(defType(), 'gc');
      break;
    case H.CORINFO_HELP_READYTORUN_NONGCSTATIC_BASE:
      cell = c.imports.staticBase(defType(), 'nonGC');
      break;
    case H.CORINFO_HELP_READYTORUN_THREADSTATIC_BASE:
    case H.CORINFO_HELP_READYTORUN_THREADSTATIC_BASE_NOCTOR:
      cell = c.imports.staticBase(defType(), 'threadGC');
      break;
    case H.CORINFO_HELP_READYTORUN_NONGCTHREADSTATIC_BASE:
      cell = c.imports.staticBase(defType(), 'threadNonGC');
      break;
    case H.CORINFO_HELP_READYTORUN_VIRTUAL_FUNC_PTR:
      cell = c.imports.virtualEntry(rt.methodOf(token.hMethod));
      break;
    case H.CORINFO_HELP_READYTORUN_DELEGATE_CTOR:
      cell = c.imports.specialised(K.READYTORUN_FIXUP_DelegateCtor, 'DelegateCtor', rt.methodOf(token.hMethod));
      break;
    case H.CORINFO_HELP_READYTORUN_GENERIC_HANDLE:
      cell = !isNullHandle(token.hMethod) ? c.imports.methodHandle(rt.methodOf(token.hMethod)) : !isNullHandle(token.hField) ? c.imports.fieldHandle(rt.fieldOf(token.hField)) : c.imports.typeHandle(type());
      break;
    default:
      return null;
  }
  return indirectLookup(cell);
}

export function embedClassHandle(c: CompileContext, cls: CORINFO_CLASS_HANDLE): CORINFO_CONST_LOOKUP {
  const t = c.rt.typeOf(cls);
  return c.mode === 'r2r' ? indirectLookup(c.imports.typeHandle(t)) : directLookup(cls as bigint as CodeAddress);
}

export function embedMethodHandle(c: CompileContext, method: CORINFO_METHOD_HANDLE): CORINFO_CONST_LOOKUP {
  const md = c.rt.methodOf(method);
  return c.mode === 'r2r' ? indirectLookup(c.imports.methodHandle(md)) : directLookup(method as bigint as CodeAddress);
}

export function embedFieldHandle(c: CompileContext, field: CORINFO_FIELD_HANDLE): CORINFO_CONST_LOOKUP {
  const fd = c.rt.fieldOf(field);
  return c.mode === 'r2r' ? indirectLookup(c.imports.fieldHandle(fd)) : directLookup(field as bigint as CodeAddress);
}

/**
 * The entry to use for a tail call. The entries this EE hands out are
 * already what a tail call needs (final addresses, or the import cell the
 * delay-load stub finds in a register), so the entry is returned as is.
 */
export function updateEntryPointForTailCall(entry: CORINFO_CONST_LOOKUP): CORINFO_CONST_LOOKUP {
  return entry;
}

/** REL32 for anything in the code region (rel32 reaches it from any code), DIR64 otherwise. */
export function getRelocTypeHint(target: CodeAddress): RelocType {
  return AddressMap.inCodeRegion(target) ? RelocType.IMAGE_REL_BASED_REL32 : RelocType.IMAGE_REL_BASED_DIR64;
}
