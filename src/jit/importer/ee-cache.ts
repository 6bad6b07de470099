/**
 * EE queries the importer repeats, cached for one compilation (never across
 * compilations: a recorder must see every question each compile asks, so a
 * replay can answer it). Also turns EE answers into IR types.
 */

import {
  type CORINFO_CLASS_HANDLE, type CORINFO_CONST_LOOKUP, type CORINFO_FIELD_HANDLE, type CORINFO_METHOD_HANDLE,
  type CodeAddress, type CorInfoHelpFunc, type JitInterface, CorInfoClassFlags, CorInfoGCType, CorInfoType, InfoAccessType, RelocType,
  formatHelper,
} from '../../jitee/index.js';
import type { MethodNameFromMetadata } from '../../jitee/index.js';
import type { CallTarget, HandleOperand, TargetInfo } from '../ir/ops.js';
import { T, structType, type IrType, type StructLayout } from '../ir/types.js';
import { JitLimitation } from '../il/il-error.js';

export class EECache {
  private readonly layouts = new Map<bigint, StructLayout>();
  private readonly classAttribs = new Map<bigint, number>();
  private readonly classNames = new Map<bigint, string>();
  private readonly methodNames = new Map<bigint, string>();
  private readonly metadataNames = new Map<bigint, MethodNameFromMetadata>();
  private readonly methodClasses = new Map<bigint, CORINFO_CLASS_HANDLE>();
  private readonly helpers = new Map<number, CallTarget>();
  private readonly rel32 = new Map<bigint, boolean>();
  private readonly classTypes = new Map<bigint, IrType>();

  constructor(readonly jit: JitInterface) {}

  classAttributes(cls: CORINFO_CLASS_HANDLE): number {
    let attribs = this.classAttribs.get(cls);
    if (attribs === undefined) {
      attribs = this.jit.getClassAttribs(cls);
      this.classAttribs.set(cls, attribs);
    }
    return attribs;
  }

  isValueClass(cls: CORINFO_CLASS_HANDLE): boolean {
    return (this.classAttributes(cls) & CorInfoClassFlags.CORINFO_FLG_VALUECLASS) !== 0;
  }

  layoutOf(cls: CORINFO_CLASS_HANDLE): StructLayout {
    let layout = this.layouts.get(cls);
    if (layout === undefined) {
      const size = this.jit.getClassSize(cls);
      const gc = this.jit.getClassGClayout(cls);
      let hasGcPointers = false;
      for (const slot of gc.gcPtrs) if (slot !== CorInfoGCType.TYPE_GC_NONE) hasGcPointers = true;
      layout = { cls, size, gcPtrs: gc.gcPtrs, hasGcPointers };
      this.layouts.set(cls, layout);
    }
    return layout;
  }

  /** The storage type of a CorInfoType (with its class for value types). */
  typeOf(corType: CorInfoType, cls: CORINFO_CLASS_HANDLE): IrType {
    switch (corType) {
      case CorInfoType.CORINFO_TYPE_BOOL: case CorInfoType.CORINFO_TYPE_UBYTE: return T.u1;
      case CorInfoType.CORINFO_TYPE_BYTE: return T.i1;
      case CorInfoType.CORINFO_TYPE_SHORT: return T.i2;
      case CorInfoType.CORINFO_TYPE_CHAR: case CorInfoType.CORINFO_TYPE_USHORT: return T.u2;
      case CorInfoType.CORINFO_TYPE_INT: return T.i4;
      case CorInfoType.CORINFO_TYPE_UINT: return T.u4;
      case CorInfoType.CORINFO_TYPE_LONG: case CorInfoType.CORINFO_TYPE_ULONG: return T.i8;
      case CorInfoType.CORINFO_TYPE_NATIVEINT: case CorInfoType.CORINFO_TYPE_NATIVEUINT: case CorInfoType.CORINFO_TYPE_PTR: return T.i;
      case CorInfoType.CORINFO_TYPE_FLOAT: return T.f4;
      case CorInfoType.CORINFO_TYPE_DOUBLE: return T.f8;
      case CorInfoType.CORINFO_TYPE_STRING: case CorInfoType.CORINFO_TYPE_CLASS: return T.ref;
      case CorInfoType.CORINFO_TYPE_BYREF: return T.byref;
      case CorInfoType.CORINFO_TYPE_VALUECLASS: case CorInfoType.CORINFO_TYPE_REFANY:
        if (cls === 0n) throw new JitLimitation('value type without class', `CorInfoType ${corType}`);
        return structType(this.layoutOf(cls));
      case CorInfoType.CORINFO_TYPE_VAR:
        throw new JitLimitation('generic type variable in signature');
      default:
        throw new JitLimitation('unsupported type', `CorInfoType ${corType}`);
    }
  }

  /** The storage type of values of class `cls` (primitives and enums as their primitive, value types as structs, else ref). */
  typeOfClass(cls: CORINFO_CLASS_HANDLE): IrType {
    let type = this.classTypes.get(cls);
    if (type === undefined) {
      if (this.isValueClass(cls)) {
        const corType = this.jit.asCorInfoType(cls);
        type = corType === CorInfoType.CORINFO_TYPE_VALUECLASS || corType === CorInfoType.CORINFO_TYPE_REFANY
          ? structType(this.layoutOf(cls))
          : this.typeOf(corType, cls);
      } else {
        type = T.ref;
      }
      this.classTypes.set(cls, type);
    }
    return type;
  }

  className(cls: CORINFO_CLASS_HANDLE): string {
    let name = this.classNames.get(cls);
    if (name === undefined) {
      name = this.jit.getClassName(cls);
      this.classNames.set(cls, name);
    }
    return name;
  }

  metadataName(method: CORINFO_METHOD_HANDLE): MethodNameFromMetadata {
    let n = this.metadataNames.get(method);
    if (n === undefined) {
      n = this.jit.getMethodNameFromMetadata(method);
      this.metadataNames.set(method, n);
    }
    return n;
  }

  methodClass(method: CORINFO_METHOD_HANDLE): CORINFO_CLASS_HANDLE {
    let cls = this.methodClasses.get(method);
    if (cls === undefined) {
      cls = this.jit.getMethodClass(method);
      this.methodClasses.set(method, cls);
    }
    return cls;
  }

  /** `Namespace.Outer+Inner:Method` from metadata (no signature), for handles and pointers. */
  methodName(method: CORINFO_METHOD_HANDLE): string {
    let name = this.methodNames.get(method);
    if (name === undefined) {
      const n = this.metadataName(method);
      const classes = [...n.enclosingClassNames].reverse();
      classes.push(n.className);
      const ns = n.namespaceName === '' ? '' : `${n.namespaceName}.`;
      name = `${ns}${classes.join('+')}:${n.methodName}`;
      this.methodNames.set(method, name);
    }
    return name;
  }

  /** Whether a rel32 field in the code can reach `target` (the EE's relocation hint). */
  reachableRel32(target: bigint): boolean {
    let ok = this.rel32.get(target);
    if (ok === undefined) {
      ok = this.jit.getRelocTypeHint(target as CodeAddress) === RelocType.IMAGE_REL_BASED_REL32;
      this.rel32.set(target, ok);
    }
    return ok;
  }

  /** The call target of a JIT helper (getHelperFtn). */
  helper(helper: CorInfoHelpFunc): CallTarget {
    let target = this.helpers.get(helper);
    if (target === undefined) {
      const { lookup } = this.jit.getHelperFtn(helper);
      const name = formatHelper(helper);
      target = { kind: 'lookup', lookup, info: { kind: 'helper', helper, name, indirect: lookup.accessType !== InfoAccessType.IAT_VALUE } };
      this.helpers.set(helper, target);
    }
    return target;
  }

  /** A handle or address as an operand (the value itself, for IAT_VALUE lookups). */
  handleOperand(value: bigint, info: TargetInfo, type: IrType = T.i): HandleOperand {
    return { k: 'handle', value, type, info, rel32: this.reachableRel32(value) };
  }

  fieldDisplayName(field: CORINFO_FIELD_HANDLE, owner: CORINFO_CLASS_HANDLE): string {
    const fieldName = this.jit.getFieldName(field);
    return owner === 0n ? fieldName : `${this.className(owner)}:${fieldName}`;
  }

  lookupInfo(lookup: CORINFO_CONST_LOOKUP, info: Omit<TargetInfo, 'indirect'>): TargetInfo {
    return { ...info, indirect: lookup.accessType !== InfoAccessType.IAT_VALUE };
  }
}
