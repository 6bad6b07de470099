import { beforeAll, describe, expect, it } from 'vitest';
import {
  CORINFO_CALLINFO_FLAGS,
  CORINFO_CALL_KIND,
  CORINFO_THIS_TRANSFORM,
  type CORINFO_RESOLVED_TOKEN,
  CorInfoCallConv,
  CorInfoMethodFlags,
  CorInfoTokenKind,
  InfoAccessType,
  NULL_CONTEXT_HANDLE,
  NULL_FIELD_HANDLE,
  NULL_METHOD_HANDLE,
  contextClass,
  contextIsClass,
  contextMethod,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_MODULE_HANDLE,
} from '../../src/jitee/index.js';
import type { LiveJitInterface, MethodDesc, Runtime } from '../../src/vm/index.js';
import { OP, callsOf, loadFixtures, methodNamed } from './helpers.js';

let rt: Runtime;
beforeAll(() => {
  rt = loadFixtures();
});

const K = CORINFO_CALL_KIND;
const F = CORINFO_CALLINFO_FLAGS;

function jiFor(type: string, method: string, mode: 'jit' | 'r2r' = 'jit'): LiveJitInterface {
  return rt.createJitInterface({ version: 'diff', mode, method: methodNamed(rt, type, method) });
}

const name = (h: CORINFO_METHOD_HANDLE) => rt.names.methodName(rt.methodOf(h));

function callTo(ji: LiveJitInterface, fragment: string) {
  const call = callsOf(ji).find((c) => name(c.info.hMethod).includes(fragment));
  if (!call) throw new Error(`no call to ${fragment} in ${ji.methodName}: ${callsOf(ji).map((c) => name(c.info.hMethod)).join(', ')}`);
  return call;
}

/** A resolved token made by hand, for call shapes the fixtures' IL does not contain. */
function tokenFor(md: MethodDesc): CORINFO_RESOLVED_TOKEN {
  return {
    tokenContext: NULL_CONTEXT_HANDLE,
    tokenScope: 0n as CORINFO_MODULE_HANDLE,
    token: md.def?.token ?? 0,
    tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Method,
    hClass: rt.classHandle(md.owner),
    hMethod: rt.methodHandle(md),
    hField: NULL_FIELD_HANDLE,
    pTypeSpec: new Uint8Array(0),
    pMethodSpec: new Uint8Array(0),
  };
}

function classToken(typeName: string, assembly?: string): CORINFO_RESOLVED_TOKEN {
  const t = rt.findType(typeName, assembly);
  return { ...tokenFor(rt.findMethods(rt.ts.objectType, 'ToString')[0]!), hClass: rt.classHandle(t), hMethod: NULL_METHOD_HANDLE, tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Constrained };
}

describe('getCallInfo', () => {
  it('static calls are direct, with no this and no null check', () => {
    const { info } = callTo(jiFor('Fixtures.Objects.StaticTests', 'RegistryLookup'), 'Registry:Lookup');
    expect(info.kind).toBe(K.CORINFO_CALL);
    expect(info.nullInstanceCheck).toBe(false);
    expect(info.sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_HASTHIS).toBe(0);
    expect(info.methodFlags & CorInfoMethodFlags.CORINFO_FLG_STATIC).not.toBe(0);
  });

  it('callvirt on a non-virtual instance method is a direct call with a null check', () => {
    const { info, opcode } = callTo(jiFor('Fixtures.Objects.ClassTests', 'Transfer'), 'Account:TryWithdraw');
    expect(opcode).toBe(OP.callvirt);
    expect(info.kind).toBe(K.CORINFO_CALL);
    expect(info.nullInstanceCheck).toBe(true);
    expect(info.sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_HASTHIS).not.toBe(0);
  });

  it('virtual calls go through the vtable slot', () => {
    const ji = jiFor('Fixtures.Objects.ClassTests', 'TotalArea');
    const { info } = callTo(ji, 'Shape:Area');
    expect(info.kind).toBe(K.CORINFO_VIRTUALCALL_VTABLE);
    expect(info.methodFlags & CorInfoMethodFlags.CORINFO_FLG_VIRTUAL).not.toBe(0);
    expect(info.methodFlags & CorInfoMethodFlags.CORINFO_FLG_ABSTRACT).not.toBe(0);
    // Object: Equals 0, GetHashCode 1, ToString 2; Shape: Area 3.
    expect(ji.getMethodVTableOffset(info.hMethod)).toEqual({ offsetOfIndirection: 0x40, offsetAfterIndirection: 24, isRelative: false });
  });

  it('a base call (call on a virtual method) is direct', () => {
    const { info, opcode } = callTo(jiFor('Fixtures.Objects.Dog', 'Sound'), 'Animal:Sound');
    expect(opcode).toBe(OP.call);
    expect(info.kind).toBe(K.CORINFO_CALL);
  });

  it('devirtualises final methods and methods of sealed classes', () => {
    const ji = jiFor('Fixtures.Objects.ClassTests', 'SealedCall');
    const square = rt.findType('Fixtures.Objects.Square', 'Objects');
    const perimeter = rt.findMethod(square, 'Perimeter');
    const info = ji.getCallInfo(tokenFor(perimeter), null, ji.method, F.CORINFO_CALLINFO_CALLVIRT);
    expect(info.kind).toBe(K.CORINFO_CALL);
    expect(info.nullInstanceCheck).toBe(true);
    expect(info.methodFlags & CorInfoMethodFlags.CORINFO_FLG_FINAL).not.toBe(0);
    const nameGetter = rt.findMethod(square, 'get_Name');
    expect(ji.getCallInfo(tokenFor(nameGetter), null, ji.method, F.CORINFO_CALLINFO_CALLVIRT).kind).toBe(K.CORINFO_CALL);
  });

  it('interface calls use a stub cell (jit: dispatch cell, r2r: VirtualEntry fixup)', () => {
    const jit = callTo(jiFor('Fixtures.Objects.ClassTests', 'AreaThroughInterface'), 'IShape:Area').info;
    expect(jit.kind).toBe(K.CORINFO_VIRTUALCALL_STUB);
    expect(jit.codePointerOrStubLookup.needsRuntimeLookup).toBe(false);
    const jitCell = jit.codePointerOrStubLookup.needsRuntimeLookup ? 0n : jit.codePointerOrStubLookup.constLookup;
    expect(jitCell).toMatchObject({ accessType: InfoAccessType.IAT_PVALUE });
    const ji = jiFor('Fixtures.Objects.ClassTests', 'AreaThroughInterface', 'r2r');
    const r2r = callTo(ji, 'IShape:Area').info;
    expect(r2r.kind).toBe(K.CORINFO_VIRTUALCALL_STUB);
    const cell = r2r.codePointerOrStubLookup.needsRuntimeLookup ? 0n : r2r.codePointerOrStubLookup.constLookup.handle;
    expect(ji.r2rFixups).toEqual([expect.objectContaining({ cell, kindName: 'READYTORUN_FIXUP_VirtualEntry', target: 'Fixtures.Objects.IShape:Area():double:this' })]);
  });

  it('constrained calls: a value type implementing the method is called directly', () => {
    const { info } = callTo(jiFor('Fixtures.Generics.GenericMethods', 'IsDefault'), 'Equals');
    expect(name(info.hMethod)).toBe('System.Int32:Equals(int):bool:this');
    expect(info.kind).toBe(K.CORINFO_CALL);
    expect(info.thisTransform).toBe(CORINFO_THIS_TRANSFORM.CORINFO_NO_THIS_TRANSFORM);
  });

  it('constrained calls: shared code dereferences this; an inherited method on a value type boxes it', () => {
    const max = callTo(jiFor('Fixtures.Generics.GenericMethods', 'Max'), 'CompareTo').info;
    expect(max.thisTransform).toBe(CORINFO_THIS_TRANSFORM.CORINFO_DEREF_THIS);
    expect(max.kind).toBe(K.CORINFO_VIRTUALCALL_STUB);
    expect(max.exactContextNeedsRuntimeLookup).toBe(true);
    expect(max.codePointerOrStubLookup.needsRuntimeLookup).toBe(true);
    const ji = jiFor('Fixtures.Generics.GenericTests', 'Maxes');
    const toString = rt.findMethods(rt.ts.objectType, 'ToString')[0]!;
    const boxed = ji.getCallInfo(tokenFor(toString), classToken('Fixtures.Generics.Token', 'Generics'), ji.method, F.CORINFO_CALLINFO_CALLVIRT);
    expect(boxed.thisTransform).toBe(CORINFO_THIS_TRANSFORM.CORINFO_BOX_THIS);
    expect(boxed.kind).toBe(K.CORINFO_VIRTUALCALL_VTABLE);
  });

  it('newobj calls the constructor directly', () => {
    const { info, opcode } = callTo(jiFor('Fixtures.Objects.ClassTests', 'BuildList'), 'Node:.ctor');
    expect(opcode).toBe(OP.newobj);
    expect(info.kind).toBe(K.CORINFO_CALL);
    expect(info.methodFlags & CorInfoMethodFlags.CORINFO_FLG_CONSTRUCTOR).not.toBe(0);
  });

  it('generic virtual methods go through ldvirtftn', () => {
    const { info } = callTo(jiFor('Fixtures.Generics.GenericTests', 'Visit'), 'Visitor:Visit[int]');
    expect(info.kind).toBe(K.CORINFO_VIRTUALCALL_LDVIRTFTN);
  });

  it('delegate Invoke is flagged for the JIT', () => {
    const { info } = callTo(jiFor('Fixtures.Generics.GenericMethods', 'Map'), 'Invoke');
    expect(info.methodFlags & CorInfoMethodFlags.CORINFO_FLG_DELEGATE_INVOKE).not.toBe(0);
  });

  it('calls into shared generic code pass the exact context', () => {
    const ji = jiFor('Fixtures.Generics.GenericTests', 'ListOfStrings');
    const add = callTo(ji, 'List`1[System.String]:Add').info;
    expect(add.kind).toBe(K.CORINFO_CALL);
    expect(add.sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_PARAMTYPE).toBe(0);
    expect(contextIsClass(add.contextHandle)).toBe(true);
    expect(rt.names.className(rt.typeOf(contextClass(add.contextHandle)))).toBe('Fixtures.Generics.List`1[System.String]');
    const listOfObject = rt.ts.defType(rt.findType('Fixtures.Generics.List`1', 'Generics').def, [rt.ts.objectType]);
    const addObject = rt.findMethod(listOfObject, 'Add');
    expect(ji.getFunctionEntryPoint(add.hMethod, 0)).toEqual(ji.getFunctionEntryPoint(rt.methodHandle(addObject), 0));

    const swaps = jiFor('Fixtures.Generics.GenericTests', 'Swaps');
    const swapString = callTo(swaps, 'Swap[System.String]').info;
    expect(swapString.sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_PARAMTYPE).not.toBe(0);
    expect(contextIsClass(swapString.contextHandle)).toBe(false);
    expect(contextMethod(swapString.contextHandle)).toBe(swapString.hMethod);
    expect(swapString.instParamLookup).toEqual({ accessType: InfoAccessType.IAT_VALUE, handle: swapString.hMethod });
    const swapInt = callTo(swaps, 'Swap[int]').info;
    expect(swapInt.sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_PARAMTYPE).toBe(0);

    const r2r = jiFor('Fixtures.Generics.GenericTests', 'Swaps', 'r2r');
    const swapR2R = callTo(r2r, 'Swap[System.String]').info;
    expect(swapR2R.instParamLookup.accessType).toBe(InfoAccessType.IAT_PVALUE);
    expect(r2r.r2rFixups.map((f) => f.kindName)).toContain('READYTORUN_FIXUP_MethodDictionary');
  });

  it('r2r mode: calls go through MethodEntry import cells, one per callee', () => {
    const ji = jiFor('Fixtures.Objects.ClassTests', 'HiddenAndVirtual', 'r2r');
    const direct = callsOf(ji).filter((c) => c.info.kind === K.CORINFO_CALL);
    const entries = direct.map((c) => ji.getFunctionEntryPoint(c.info.hMethod, 0));
    expect(entries.every((e) => e.accessType === InfoAccessType.IAT_PVALUE)).toBe(true);
    const kinds = Object.fromEntries(ji.r2rFixups.map((f) => [f.target, f.kindName]));
    expect(kinds['Fixtures.Objects.Dog:Speak():System.String:this']).toBe('READYTORUN_FIXUP_MethodEntry_DefToken');
    expect(kinds['System.String:Concat(System.String,System.String,System.String):System.String']).toBe('READYTORUN_FIXUP_MethodEntry_RefToken');
    expect(ji.dependencies.filter((d) => d.kind === 'MethodEntrypoint').length).toBe(3);
  });
});

describe('virtual method resolution', () => {
  it('lays out vtables: Object slots, new slots, overrides', () => {
    const slots = (t: string) => rt.vtables.vtable(rt.findType(t, 'Objects').def).slots.map((s) => `${s.impl.owner.name}.${s.impl.name}`);
    expect(slots('Fixtures.Objects.Shape')).toEqual(['Object.Equals', 'Object.GetHashCode', 'Shape.ToString', 'Shape.Area', 'Shape.Perimeter', 'Shape.get_Name']);
    expect(slots('Fixtures.Objects.Circle')).toEqual(['Object.Equals', 'Object.GetHashCode', 'Shape.ToString', 'Circle.Area', 'Circle.Perimeter', 'Circle.get_Name', 'Circle.Scale']);
    expect(slots('Fixtures.Objects.Square').slice(3)).toEqual(['Rect.Area', 'Square.Perimeter', 'Square.get_Name', 'Rect.Fixtures.Objects.IScalable.Scale']);
  });

  it('resolves interface methods on classes (implicit and explicit) and structs', () => {
    const iscalable = rt.findType('Fixtures.Objects.IScalable', 'Objects');
    const scale = rt.findMethod(iscalable, 'Scale');
    const on = (t: string) => rt.names.methodName(rt.vtables.resolve(rt.findType(t, 'Objects'), scale)!);
    expect(on('Fixtures.Objects.Circle')).toBe('Fixtures.Objects.Circle:Scale(double):this');
    expect(on('Fixtures.Objects.Square')).toBe('Fixtures.Objects.Rect:Fixtures.Objects.IScalable.Scale(double):this');
    const next = rt.findMethod(rt.findType('Fixtures.Objects.ICounter', 'Objects'), 'Next');
    expect(rt.names.methodName(rt.vtables.resolve(rt.findType('Fixtures.Objects.StepCounter', 'Objects'), next)!)).toBe('Fixtures.Objects.StepCounter:Next():int:this');
  });
});
