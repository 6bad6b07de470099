/**
 * Objects, arrays and types: ldstr, ldtoken, castclass/isinst, box/unbox,
 * newarr, ldlen, ldelem*, stelem*, ldelema, and the typed-reference
 * instructions. Allocation, casting and boxing go through the helpers the EE
 * names (getNewArrHelper, getCastingHelper, getBoxHelper, getUnBoxHelper), or
 * through ReadyToRun helper cells when compiling for ReadyToRun.
 */

import {
  CorInfoClassId, CorInfoHelpFunc, CorInfoTokenKind, type CORINFO_RESOLVED_TOKEN, type CorInfoHelpFunc as HelpFunc,
} from '../../jitee/index.js';
import { OP } from '../il/opcodes.js';
import { Prefix, hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { varOperand } from '../ir/method.js';
import type { Operand } from '../ir/ops.js';
import { T, sizeOfType, stackTypeOf, type IrType } from '../ir/types.js';
import { addressOfValue, callHelper, callReadyToRunHelper } from './helper-calls.js';
import { classHandleOperand, genericLookupKind, isSharedCode, lookupOperand, methodHandleOperand } from './lookups.js';
import { barrierFor } from './memory.js';
import { isRegisterSizedStruct } from './signature.js';
import type { ImportState, StackEntry } from './state.js';

export function importLdstr(s: ImportState, ins: ILInstruction): void {
  const lookup = s.jit.constructStringLiteral(s.info.scope, ins.operand);
  const text = s.jit.getStringLiteral(s.info.scope, ins.operand);
  const name = text === null ? `string token 0x${ins.operand.toString(16)}` : quote(text);
  s.pushValue(T.ref, lookupOperand(s, lookup, { kind: 'string', name }, T.ref));
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return `'${shown.replace(/[\r\n\t]/g, ' ')}'`;
}

/** A helper call that a ReadyToRun compile makes through a cell for this token, when the EE offers one. */
function readyToRunCell(s: ImportState, token: CORINFO_RESOLVED_TOKEN, helper: HelpFunc) {
  if (!s.readyToRun) return null;
  const lookupKind = isSharedCode(s) ? { needsRuntimeLookup: true, runtimeLookupKind: genericLookupKind(s), runtimeLookupFlags: 0 } : null;
  return s.jit.getReadyToRunHelper(token, lookupKind, helper, s.method.handle);
}

export function importLdtoken(s: ImportState, ins: ILInstruction): void {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Ldtoken);
  const handleClass = s.jit.getTokenTypeAsHandle(token);
  const handleType = s.ee.typeOfClass(handleClass);
  if (handleType.kind === 'struct' && !isRegisterSizedStruct(handleType)) {
    throw new JitLimitation('runtime handle layout', `${s.ee.className(handleClass)} is ${handleType.layout!.size} bytes`);
  }
  let helper: HelpFunc;
  let handle: Operand;
  if (token.hField !== 0n) {
    helper = CorInfoHelpFunc.CORINFO_HELP_FIELDDESC_TO_STUBRUNTIMEFIELD;
    handle = lookupOperand(s, s.jit.embedFieldHandle(token.hField), { kind: 'field', handle: token.hField, name: s.ee.fieldDisplayName(token.hField, token.hClass) });
  } else if (token.hMethod !== 0n) {
    helper = CorInfoHelpFunc.CORINFO_HELP_METHODDESC_TO_STUBRUNTIMEMETHOD;
    handle = methodHandleOperand(s, token.hMethod, token, false);
  } else {
    helper = CorInfoHelpFunc.CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPEHANDLE;
    handle = classHandleOperand(s, token.hClass, token);
  }
  const result = callHelper(s, helper, [{ value: handle, type: T.i }], handleType);
  s.pushValue(stackTypeOf(handleType), result);
}

export function importCastclass(s: ImportState, ins: ILInstruction, throwing: boolean): void {
  const object = s.pop();
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Casting);
  s.pushValue(T.ref, castTo(s, token, object.operand, throwing));
}

function castTo(s: ImportState, token: CORINFO_RESOLVED_TOKEN, object: Operand, throwing: boolean): Operand {
  const r2rHelper = throwing ? CorInfoHelpFunc.CORINFO_HELP_READYTORUN_CHKCAST : CorInfoHelpFunc.CORINFO_HELP_READYTORUN_ISINSTANCEOF;
  const cell = readyToRunCell(s, token, r2rHelper);
  if (cell !== null) {
    return callReadyToRunHelper(s, cell, r2rHelper, s.ee.className(token.hClass), [{ value: object, type: T.ref }], T.ref);
  }
  const helper = s.jit.getCastingHelper(token, throwing);
  const cls = classHandleOperand(s, token.hClass, token);
  return callHelper(s, helper, [{ value: cls, type: T.i }, { value: object, type: T.ref }], T.ref);
}

export function importBox(s: ImportState, ins: ILInstruction): void {
  const value = s.pop();
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Box);
  if (!s.ee.isValueClass(token.hClass)) {
    // Boxing a reference type (in generic code instantiated over one) leaves the reference.
    s.push(value.type, value.operand);
    return;
  }
  s.pushValue(T.ref, boxValue(s, token, value));
}

export function boxValue(s: ImportState, token: CORINFO_RESOLVED_TOKEN, value: StackEntry): Operand {
  const cls = token.hClass;
  const type = s.ee.typeOfClass(cls);
  const helper = s.jit.getBoxHelper(cls);
  const data = addressOfValue(s, value.operand, valueStorage(value, type), T.byref);
  const handle = classHandleOperand(s, cls, token);
  return callHelper(s, helper, [{ value: handle, type: T.i }, { value: data, type: T.byref }], T.ref);
}

/** The variable type a value of class type `type` is kept in before its address is taken. */
function valueStorage(value: StackEntry, type: IrType): IrType {
  return type.kind === 'struct' ? type : value.type;
}

export function importUnbox(s: ImportState, ins: ILInstruction): void {
  const object = s.pop();
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
  const helper = s.jit.getUnBoxHelper(token.hClass);
  if (helper === CorInfoHelpFunc.CORINFO_HELP_UNBOX_NULLABLE) {
    const box = unboxNullable(s, token, object.operand);
    s.pushValue(T.byref, addressOfValue(s, box, s.ee.typeOfClass(token.hClass), T.byref));
    return;
  }
  const cls = classHandleOperand(s, token.hClass, token);
  s.pushValue(T.byref, callHelper(s, helper, [{ value: cls, type: T.i }, { value: object.operand, type: T.ref }], T.byref));
}

export function importUnboxAny(s: ImportState, ins: ILInstruction): void {
  const object = s.pop();
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
  if (!s.ee.isValueClass(token.hClass)) {
    s.pushValue(T.ref, castTo(s, token, object.operand, true));
    return;
  }
  const type = s.ee.typeOfClass(token.hClass);
  const helper = s.jit.getUnBoxHelper(token.hClass);
  if (helper === CorInfoHelpFunc.CORINFO_HELP_UNBOX_NULLABLE) {
    s.pushValue(stackTypeOf(type), unboxNullable(s, token, object.operand));
    return;
  }
  const cls = classHandleOperand(s, token.hClass, token);
  const data = callHelper(s, helper, [{ value: cls, type: T.i }, { value: object.operand, type: T.ref }], T.byref);
  s.emitPush(stackTypeOf(type), (dst) => ({ op: 'load', dst, addr: data, offset: 0, type }));
}

/** CORINFO_HELP_UNBOX_NULLABLE(&result, class, box) into a scratch Nullable<T>. */
function unboxNullable(s: ImportState, token: CORINFO_RESOLVED_TOKEN, object: Operand): Operand {
  const type = s.ee.typeOfClass(token.hClass);
  const result = s.scratch(type);
  const addr = s.scratch(T.byref);
  s.emit({ op: 'addressOf', dst: addr, var: result });
  const cls = classHandleOperand(s, token.hClass, token);
  s.emit({
    op: 'call',
    call: {
      target: s.ee.helper(CorInfoHelpFunc.CORINFO_HELP_UNBOX_NULLABLE),
      args: [{ value: varOperand(s.method, addr), type: T.byref }, { value: cls, type: T.i }, { value: object, type: T.ref }],
      result: undefined,
      site: { ilOffset: s.ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_UNBOX_NULLABLE },
    },
  });
  return varOperand(s.method, result);
}

export function importNewarr(s: ImportState, ins: ILInstruction): void {
  const length = s.pop();
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Newarr);
  const lengthArg = { value: length.operand, type: T.i };
  const cell = readyToRunCell(s, token, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEWARR_1);
  if (cell !== null) {
    s.pushValue(T.ref, callReadyToRunHelper(s, cell, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEWARR_1, s.ee.className(token.hClass), [lengthArg], T.ref));
    return;
  }
  const arrayClass = token.hClass;
  const helper = s.jit.getNewArrHelper(arrayClass);
  const cls = classHandleOperand(s, arrayClass, token);
  s.pushValue(T.ref, callHelper(s, helper, [{ value: cls, type: T.i }, lengthArg], T.ref));
}

export function importLdlen(s: ImportState): void {
  const array = s.pop();
  const lengthOffset = s.eeInfo.offsetOfArrayLength;
  s.emitPush(T.i, (dst) => ({ op: 'arrayLength', dst, array: array.operand, lengthOffset }));
}

function popArrayAndIndex(s: ImportState): { array: StackEntry; index: StackEntry } {
  const index = s.pop();
  const array = s.pop();
  const ik = index.type.kind;
  if (ik !== 'i4' && ik !== 'i') throw new ILFormatError(`IL_${hex4(s.ins.offset)}: array index of type ${ik}`);
  if (array.type.kind !== 'ref') throw new ILFormatError(`IL_${hex4(s.ins.offset)}: array access on ${array.type.kind}`);
  return { array, index };
}

/** Bounds check, then the element's address in a scratch byref. */
function elementAddress(s: ImportState, array: Operand, index: Operand, elementType: IrType): Operand {
  const info = s.eeInfo;
  s.emit({ op: 'boundsCheck', array, index, lengthOffset: info.offsetOfArrayLength });
  const dst = s.scratch(T.byref);
  s.emit({ op: 'elementAddress', dst, array, index, elementSize: sizeOfType(elementType), dataOffset: info.offsetOfObjArrayData });
  return varOperand(s.method, dst);
}

function elementTypeFromToken(s: ImportState, ins: ILInstruction): { type: IrType; token: CORINFO_RESOLVED_TOKEN } {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
  return { type: s.ee.typeOfClass(token.hClass), token };
}

export function importLdelem(s: ImportState, type: IrType | undefined, ins?: ILInstruction): void {
  const elementType = type ?? elementTypeFromToken(s, ins!).type;
  const { array, index } = popArrayAndIndex(s);
  const addr = elementAddress(s, array.operand, index.operand, elementType);
  s.emitPush(stackTypeOf(elementType), (dst) => ({ op: 'load', dst, addr, offset: 0, type: elementType }));
}

export function importStelem(s: ImportState, type: IrType | undefined, ins?: ILInstruction): void {
  const elementType = type ?? elementTypeFromToken(s, ins!).type;
  const value = s.pop();
  const { array, index } = popArrayAndIndex(s);
  if (elementType.kind === 'ref') {
    // The helper checks the element type (array covariance) and applies the write barrier.
    s.emit({
      op: 'call',
      call: {
        target: s.ee.helper(CorInfoHelpFunc.CORINFO_HELP_ARRADDR_ST),
        args: [{ value: array.operand, type: T.ref }, { value: index.operand, type: T.i }, { value: value.operand, type: T.ref }],
        result: undefined,
        site: { ilOffset: s.ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_ARRADDR_ST },
      },
    });
    return;
  }
  const addr = elementAddress(s, array.operand, index.operand, elementType);
  s.emit({ op: 'store', addr, offset: 0, src: value.operand, type: elementType, barrier: barrierFor(elementType, 'heap') });
}

export function importLdelema(s: ImportState, ins: ILInstruction): void {
  const { type, token } = elementTypeFromToken(s, ins);
  const { array, index } = popArrayAndIndex(s);
  if (type.kind === 'ref' && (ins.prefixes & Prefix.Readonly) === 0) {
    // The address of an element of a reference-type array must check the exact element type (covariance).
    const cls = classHandleOperand(s, token.hClass, token);
    const addr = callHelper(s, CorInfoHelpFunc.CORINFO_HELP_LDELEMA_REF, [
      { value: array.operand, type: T.ref }, { value: index.operand, type: T.i }, { value: cls, type: T.i },
    ], T.byref);
    s.pushValue(T.byref, addr);
    return;
  }
  s.pushValue(T.byref, elementAddress(s, array.operand, index.operand, type));
}

/**
 * mkrefany, refanyval, refanytype. A TypedReference is {byref value, type
 * handle} (the EE's CLASSID_TYPED_BYREF layout must be 16 bytes). arglist
 * needs vararg support, which this JIT does not have.
 */
export function importTypedReference(s: ImportState, ins: ILInstruction): void {
  const opcode = ins.opcode;
  if (opcode === OP['arglist']) throw new JitLimitation('arglist', 'vararg methods are not supported');
  const typedRefClass = s.jit.getBuiltinClass(CorInfoClassId.CLASSID_TYPED_BYREF);
  const typedRef = s.ee.typeOfClass(typedRefClass);
  if (typedRef.kind !== 'struct' || typedRef.layout!.size !== 16) throw new JitLimitation('typed reference layout');
  if (opcode === OP['mkrefany']) {
    const ptr = s.pop();
    const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
    const cls = classHandleOperand(s, token.hClass, token);
    const dst = s.stackTemp(s.stack.length, typedRef);
    const addr = s.scratch(T.byref);
    s.emit({ op: 'addressOf', dst: addr, var: dst });
    s.emit({ op: 'store', addr: varOperand(s.method, addr), offset: 0, src: ptr.operand, type: T.byref, barrier: 'none' });
    s.emit({ op: 'store', addr: varOperand(s.method, addr), offset: 8, src: cls, type: T.i, barrier: 'none' });
    s.push(typedRef, varOperand(s.method, dst));
    return;
  }
  const value = s.pop();
  if (value.type.kind !== 'struct') throw new ILFormatError(`IL_${hex4(ins.offset)}: typed reference expected`);
  const addr = addressOfValue(s, value.operand, value.type, T.byref);
  if (opcode === OP['refanyval']) {
    const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
    const cls = classHandleOperand(s, token.hClass, token);
    s.pushValue(T.byref, callHelper(s, CorInfoHelpFunc.CORINFO_HELP_GETREFANY, [{ value: cls, type: T.i }, { value: addr, type: T.byref }], T.byref));
    return;
  }
  // refanytype: the type handle, as a RuntimeTypeHandle.
  const handle = s.scratch(T.i);
  s.emit({ op: 'load', dst: handle, addr, offset: 8, type: T.i });
  const handleClass = s.jit.getBuiltinClass(CorInfoClassId.CLASSID_TYPE_HANDLE);
  const handleType = s.ee.typeOfClass(handleClass);
  s.pushValue(stackTypeOf(handleType), callHelper(s, CorInfoHelpFunc.CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPEHANDLE, [{ value: varOperand(s.method, handle), type: T.i }], handleType));
}
