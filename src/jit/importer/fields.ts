/**
 * ldfld, ldflda, stfld, ldsfld, ldsflda, stsfld: getFieldInfo says how to
 * reach the field; the importer computes its address (an object or address
 * plus an offset, a static's address, or a static base from a helper plus
 * an offset) and loads, stores or pushes it.
 */

import {
  CORINFO_ACCESS_FLAGS, CORINFO_FIELD_ACCESSOR, CORINFO_FIELD_FLAGS, CorInfoInitClassResult, CorInfoTokenKind,
  type CORINFO_FIELD_INFO, type CORINFO_RESOLVED_TOKEN,
} from '../../jitee/index.js';
import { hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { i4, nativeInt, varOperand } from '../ir/method.js';
import type { Operand } from '../ir/ops.js';
import { T, stackTypeOf, type IrType } from '../ir/types.js';
import { addressOfValue, callHelper, callHelperVoid, callReadyToRunHelper } from './helper-calls.js';
import { classHandleOperand, genericContextOperand, isSharedCode, genericLookupKind, lookupOperand } from './lookups.js';
import { barrierFor } from './memory.js';
import type { ImportState, StackEntry } from './state.js';

export type FieldAccessMode = 'load' | 'store' | 'address';

export function importFieldAccess(s: ImportState, ins: ILInstruction, mode: FieldAccessMode, isStaticOpcode: boolean): void {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Field);
  const accessFlags = mode === 'load' ? CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_GET
    : mode === 'store' ? CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_SET : CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ADDRESS;
  const fi = s.jit.getFieldInfo(token, s.method.handle, accessFlags);
  const fieldType = s.ee.typeOf(fi.fieldType, fi.structType);
  const value = mode === 'store' ? s.pop() : undefined;
  const isStatic = (fi.fieldFlags & CORINFO_FIELD_FLAGS.CORINFO_FLG_FIELD_STATIC) !== 0;
  // ldfld/stfld of a static field still pops the (ignored) object.
  if (!isStaticOpcode && isStatic) s.pop();
  if (isStaticOpcode && !isStatic) throw new ILFormatError(`IL_${hex4(ins.offset)}: static field access to an instance field`);

  switch (fi.fieldAccessor) {
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INTRINSIC_ZERO:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INTRINSIC_ISLITTLEENDIAN: {
      // The JIT reads these fields as constants, so a store (in the class constructor) is dead.
      if (mode === 'store') return;
      if (mode === 'address') throw new JitLimitation('address of an intrinsic field');
      const zero = fi.fieldAccessor === CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INTRINSIC_ZERO;
      s.push(zero ? T.i : T.i4, zero ? nativeInt(0) : i4(1));
      return;
    }
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INTRINSIC_EMPTY_STRING:
      // Without emptyStringLiteral in the interface, String.Empty needs the address of its cell in fieldLookup.
      if (fi.fieldLookup.handle === 0n) throw new JitLimitation('String.Empty without an address');
      break;
    default:
      break;
  }

  if (!isStatic) {
    const object = s.pop();
    instanceAccess(s, token, fi, object, fieldType, mode, value);
    return;
  }
  if ((fi.fieldFlags & CORINFO_FIELD_FLAGS.CORINFO_FLG_FIELD_INITCLASS) !== 0) initClassFor(s, token);
  let base = staticAddress(s, token, fi);
  let offset = baseRelative(fi) ? fi.offset : 0;
  if ((fi.fieldFlags & CORINFO_FIELD_FLAGS.CORINFO_FLG_FIELD_STATIC_IN_HEAP) !== 0) {
    // A value-type static lives boxed: the static holds the box; its data follows the method table pointer.
    const box = s.scratch(T.ref);
    s.emit({ op: 'load', dst: box, addr: base, offset, type: T.ref });
    base = varOperand(s.method, box);
    offset = s.eeInfo.pointerSize;
  }
  access(s, base, offset, fieldType, mode, value, 'unknown');
}

function instanceAccess(
  s: ImportState, token: CORINFO_RESOLVED_TOKEN, fi: CORINFO_FIELD_INFO, object: StackEntry, fieldType: IrType,
  mode: FieldAccessMode, value: StackEntry | undefined,
): void {
  const objKind = object.type.kind;
  let base: Operand;
  let target: 'heap' | 'unknown' = 'unknown';
  if (objKind === 'struct') {
    // ldfld on a value: read the field out of the variable holding it.
    if (mode !== 'load') throw new ILFormatError(`IL_${hex4(s.ins.offset)}: ${mode} of a field of a value`);
    base = addressOfValue(s, object.operand, object.type, T.byref);
  } else if (objKind === 'ref' || objKind === 'byref' || objKind === 'i') {
    base = object.operand;
    if (objKind === 'ref') target = 'heap';
  } else {
    throw new ILFormatError(`IL_${hex4(s.ins.offset)}: field access on ${objKind}`);
  }
  switch (fi.fieldAccessor) {
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INSTANCE: {
      // A load or store faults on null by itself when the field is near the start of the object; an address does not.
      if (objKind === 'ref' && (mode === 'address' || fi.offset >= s.eeInfo.maxUncheckedOffsetForNullObject)) {
        s.emit({ op: 'nullCheck', src: base });
      }
      access(s, base, fi.offset, fieldType, mode, value, target);
      return;
    }
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INSTANCE_HELPER:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INSTANCE_ADDR_HELPER: {
      const field = lookupOperand(s, s.jit.embedFieldHandle(token.hField), { kind: 'field', handle: token.hField, name: fieldName(s, token) });
      const addr = callHelper(s, fi.helper, [{ value: base, type: T.ref }, { value: field, type: T.i }], T.byref);
      access(s, addr, 0, fieldType, mode, value, 'unknown');
      return;
    }
    default:
      throw new JitLimitation('field accessor', `instance accessor ${fi.fieldAccessor}`);
  }
}

function access(
  s: ImportState, base: Operand, offset: number, fieldType: IrType, mode: FieldAccessMode, value: StackEntry | undefined,
  target: 'heap' | 'unknown',
): void {
  switch (mode) {
    case 'load':
      s.emitPush(stackTypeOf(fieldType), (dst) => ({ op: 'load', dst, addr: base, offset, type: fieldType }));
      return;
    case 'store':
      s.emit({ op: 'store', addr: base, offset, src: value!.operand, type: fieldType, barrier: barrierFor(fieldType, target) });
      return;
    case 'address':
      s.emitPush(T.byref, (dst) => ({ op: 'offsetAddress', dst, base, offset }));
      return;
  }
}

/** Whether the field sits at `offset` from what staticAddress returns (a static base) rather than at it. */
function baseRelative(fi: CORINFO_FIELD_INFO): boolean {
  switch (fi.fieldAccessor) {
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_GENERICS_STATIC_HELPER:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_TLS:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_TLS_MANAGED:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_READYTORUN_HELPER:
      return true;
    default:
      return false;
  }
}

/** The static's address, or the static base its offset is relative to. */
function staticAddress(s: ImportState, token: CORINFO_RESOLVED_TOKEN, fi: CORINFO_FIELD_INFO): Operand {
  switch (fi.fieldAccessor) {
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_ADDRESS:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_RVA_ADDRESS:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_RELOCATABLE:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_INTRINSIC_EMPTY_STRING:
      if (fi.fieldLookup.handle === 0n) throw new JitLimitation('field accessor', `static accessor ${fi.fieldAccessor} without an address`);
      return lookupOperand(s, fi.fieldLookup, { kind: 'field', handle: token.hField, name: fieldName(s, token) }, T.byref);
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_GENERICS_STATIC_HELPER:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_TLS:
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_TLS_MANAGED: {
      if (fi.fieldLookup.handle !== 0n) {
        // ReadyToRun: the static base comes from the type's own helper cell, which needs no argument.
        return callReadyToRunHelper(s, fi.fieldLookup, fi.helper, s.ee.className(token.hClass), [], T.byref);
      }
      const cls = classHandleOperand(s, token.hClass, token);
      return callHelper(s, fi.helper, [{ value: cls, type: T.i }], T.byref);
    }
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_ADDR_HELPER: {
      const field = lookupOperand(s, s.jit.embedFieldHandle(token.hField), { kind: 'field', handle: token.hField, name: fieldName(s, token) });
      return callHelper(s, fi.helper, [{ value: field, type: T.i }], T.byref);
    }
    case CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_READYTORUN_HELPER: {
      const shared = isSharedCode(s);
      const lookupKind = shared ? { needsRuntimeLookup: true, runtimeLookupKind: genericLookupKind(s), runtimeLookupFlags: 0 } : null;
      const cell = s.jit.getReadyToRunHelper(token, lookupKind, fi.helper, s.method.handle);
      if (cell === null) throw new JitLimitation('field accessor', 'no ReadyToRun static base helper');
      const args = shared ? [{ value: genericContextOperand(s), type: T.i }] : [];
      return callReadyToRunHelper(s, cell, fi.helper, s.ee.className(token.hClass), args, T.byref);
    }
    default:
      throw new JitLimitation('field accessor', `static accessor ${fi.fieldAccessor}`);
  }
}

/** Runs the class constructor of the field's class first when the EE asks for it. */
function initClassFor(s: ImportState, token: CORINFO_RESOLVED_TOKEN): void {
  const result = s.jit.initClass(token.hField, s.method.handle, s.tokenContext);
  if ((result & CorInfoInitClassResult.CORINFO_INITCLASS_USE_HELPER) === 0) return;
  const helper = s.jit.getSharedCCtorHelper(token.hClass);
  callHelperVoid(s, helper, [{ value: classHandleOperand(s, token.hClass, token), type: T.i }]);
}

function fieldName(s: ImportState, token: CORINFO_RESOLVED_TOKEN): string {
  return s.ee.fieldDisplayName(token.hField, token.hClass);
}
