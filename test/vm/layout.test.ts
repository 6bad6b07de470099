import { beforeAll, describe, expect, it } from 'vitest';
import { CorInfoClassFlags, CorInfoGCType, CorInfoType, EEError } from '../../src/jitee/index.js';
import { type DefType, Runtime, heapSize, instanceLayout, staticLayout } from '../../src/vm/index.js';
import { consumerPath, fixturesBin, loadFixtures, methodNamed } from './helpers.js';

const { TYPE_GC_NONE: N, TYPE_GC_REF: R } = CorInfoGCType;

let rt: Runtime;
beforeAll(() => {
  rt = loadFixtures();
});

function offsets(t: DefType): Record<string, number> {
  return Object.fromEntries([...instanceLayout(rt.ts, t).fieldOffsets].map(([f, o]) => [f.name, o]));
}

function objects(name: string): DefType {
  return rt.findType(`Fixtures.Objects.${name}`, 'Objects');
}

describe('value type layout', () => {
  it('lays out sequential structs in declaration order', () => {
    expect(offsets(objects('Point'))).toEqual({ X: 0, Y: 4 });
    expect(instanceLayout(rt.ts, objects('Point'))).toMatchObject({ size: 8, alignment: 4, rule: 'sequential' });
    expect(instanceLayout(rt.ts, objects('Vector3'))).toMatchObject({ size: 24, alignment: 8 });
    expect(instanceLayout(rt.ts, objects('Large')).size).toBe(64);
    expect(instanceLayout(rt.ts, objects('Tiny')).size).toBe(1);
  });

  it('nests structs', () => {
    expect(offsets(objects('Rectangle'))).toEqual({ TopLeft: 0, BottomRight: 8 });
    expect(instanceLayout(rt.ts, objects('Rectangle')).size).toBe(16);
  });

  it('gives a struct {int; long} size 16 (generic instantiation Pair<int, long>)', () => {
    const pair = rt.findType('Fixtures.Generics.Pair`2', 'Generics');
    const inst = rt.ts.defType(pair.def, [rt.ts.int32Type, rt.ts.corlibType('System', 'Int64')]);
    expect(offsets(inst)).toEqual({ First: 0, Second: 8 });
    expect(instanceLayout(rt.ts, inst)).toMatchObject({ size: 16, alignment: 8 });
    const swapped = rt.ts.defType(pair.def, [rt.ts.corlibType('System', 'Int64'), rt.ts.int32Type]);
    expect(instanceLayout(rt.ts, swapped).size).toBe(16);
  });

  it('honours Pack = 1', () => {
    expect(offsets(objects('PackedPair'))).toEqual({ Tag: 0, Value: 1 });
    expect(instanceLayout(rt.ts, objects('PackedPair'))).toMatchObject({ size: 5, alignment: 1 });
  });

  it('places explicit layouts at their FieldOffsets, with Size and overlap', () => {
    expect(offsets(objects('PackedHeader'))).toEqual({ Kind: 0, Flags: 1, Length: 2, Id: 4, Timestamp: 8, TimestampLow: 8 });
    expect(instanceLayout(rt.ts, objects('PackedHeader'))).toMatchObject({ size: 16, overlappingFields: true, rule: 'explicit' });
    expect(offsets(objects('IntFloatUnion'))).toEqual({ AsInt: 0, AsFloat: 0, AsUInt: 0 });
    expect(instanceLayout(rt.ts, objects('IntFloatUnion'))).toMatchObject({ size: 4, overlappingFields: true });
  });

  it('sizes fixed buffers from their ClassLayout', () => {
    expect(offsets(objects('FixedBuffer'))).toEqual({ Values: 0, Count: 32 });
    expect(instanceLayout(rt.ts, objects('FixedBuffer')).size).toBe(36);
  });

  it('lays out structs with references automatically: references first, then by alignment', () => {
    expect(offsets(objects('Person'))).toEqual({ Name: 0, Tag: 8, Age: 16 });
    expect(offsets(objects('Mixed'))).toEqual({ D: 0, B: 8, E: 16, C: 20, A: 22 });
    expect(instanceLayout(rt.ts, objects('Mixed'))).toMatchObject({ size: 24, rule: 'auto' });
    expect(offsets(objects('Line'))).toEqual({ Label: 0, Owner: 8, Start: 32, End: 40 });
    expect(instanceLayout(rt.ts, objects('Line')).size).toBe(48);
  });

  it('reports GC references per pointer-sized slot, through nested structs', () => {
    expect([...instanceLayout(rt.ts, objects('Person')).gcSlots]).toEqual([R, R, N]);
    expect([...instanceLayout(rt.ts, objects('Line')).gcSlots]).toEqual([R, R, R, N, N, N]);
    expect([...instanceLayout(rt.ts, objects('Mixed')).gcSlots]).toEqual([R, N, N]);
    expect([...instanceLayout(rt.ts, objects('Point')).gcSlots]).toEqual([N]);
  });

  it('treats enums and primitives as their primitive', () => {
    const flags = rt.ts.corlibType('System.Runtime.CompilerServices', 'ContinuationFlags');
    expect(instanceLayout(rt.ts, flags)).toMatchObject({ size: 4, alignment: 4, rule: 'primitive' });
    expect(rt.ts.primitiveCorInfoType(flags)).toBe(CorInfoType.CORINFO_TYPE_INT);
    expect(instanceLayout(rt.ts, rt.ts.corlibType('System', 'Double')).size).toBe(8);
    expect(instanceLayout(rt.ts, rt.ts.corlibType('System', 'Char')).size).toBe(2);
  });
});

describe('class layout', () => {
  it('puts instance fields after the 8-byte method table pointer, base class fields first', () => {
    expect(offsets(objects('Shape'))).toEqual({ _id: 8 });
    expect(offsets(objects('Circle'))).toEqual({ _radius: 16 });
    expect(offsets(objects('Rect'))).toEqual({ _width: 16, _height: 24 });
    expect(offsets(objects('Account'))).toEqual({ _owner: 8, _balance: 16 });
    expect(offsets(objects('Node'))).toEqual({ Next: 8, Value: 16 });
  });

  it('sizes objects with their header', () => {
    expect(instanceLayout(rt.ts, objects('Circle')).size).toBe(24);
    expect(heapSize(rt.ts, objects('Circle'))).toBe(32);
    expect(heapSize(rt.ts, objects('Node'))).toBe(32);
    expect(heapSize(rt.ts, rt.ts.objectType)).toBe(24);
    expect(heapSize(rt.ts, objects('Point'))).toBe(24);
  });

  it('maps GC references of objects from the method table slot', () => {
    expect([...instanceLayout(rt.ts, objects('Node')).gcSlots]).toEqual([N, R, N]);
    expect([...instanceLayout(rt.ts, objects('Account')).gcSlots]).toEqual([N, R, N]);
  });

  it('lays out String and Continuation as the runtime expects', () => {
    expect(offsets(rt.ts.stringType)).toEqual({ _stringLength: 8, _firstChar: 12 });
    const cont = rt.ts.corlibType('System.Runtime.CompilerServices', 'Continuation');
    expect(offsets(cont)).toEqual({ Next: 8, ResumeInfo: 16, Flags: 24, State: 28 });
    expect(instanceLayout(rt.ts, cont).size).toBe(32);
  });
});

describe('layout through the JIT interface', () => {
  it('answers getClassSize, getHeapClassSize, alignment, GC layout and attributes', () => {
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: methodNamed(rt, 'Fixtures.Objects.StructTests', 'LineDescription') });
    const line = rt.classHandle(objects('Line'));
    const circle = rt.classHandle(objects('Circle'));
    expect(ji.getClassSize(line)).toBe(48);
    expect(ji.getClassAlignmentRequirement(line)).toBe(8);
    expect(ji.getClassGClayout(line)).toEqual({ gcPtrs: new Uint8Array([R, R, R, N, N, N]), numGCPtrs: 3 });
    expect(ji.getClassSize(circle)).toBe(16);
    expect(ji.getHeapClassSize(circle)).toBe(32);
    expect(ji.getClassAlignmentRequirement(rt.classHandle(objects('PackedPair')))).toBe(1);
    const attribs = ji.getClassAttribs(line);
    expect(attribs & CorInfoClassFlags.CORINFO_FLG_VALUECLASS).not.toBe(0);
    expect(attribs & CorInfoClassFlags.CORINFO_FLG_CONTAINS_GC_PTR).not.toBe(0);
    expect(ji.getClassAttribs(rt.classHandle(objects('PackedHeader'))) & CorInfoClassFlags.CORINFO_FLG_OVERLAPPING_FIELDS).not.toBe(0);
    expect(ji.getClassAttribs(rt.classHandle(objects('Square'))) & CorInfoClassFlags.CORINFO_FLG_FINAL).not.toBe(0);
    expect(ji.getClassAttribs(rt.classHandle(objects('Shape'))) & CorInfoClassFlags.CORINFO_FLG_ABSTRACT).not.toBe(0);
    expect(ji.getClassNumInstanceFields(line)).toBe(4);
    expect(ji.getFieldName(ji.getFieldInClass(line, 2))).toBe('Label');
    expect(ji.getFieldOffset(ji.getFieldInClass(line, 2))).toBe(0);
  });
});

describe('statics', () => {
  it('splits statics into non-GC, GC (boxing structs) and thread-static blocks', () => {
    const settings = staticLayout(rt.ts, objects('Settings'));
    const names = (b: { offsets: ReadonlyMap<{ name: string }, number> }) => Object.fromEntries([...b.offsets].map(([f, o]) => [f.name, o]));
    expect(names(settings.nonGC)).toEqual({ Ratio: 0, MaxItems: 8 });
    expect(settings.nonGC.size).toBe(16);
    expect(names(settings.gc)).toEqual({ Title: 0 });
    const origin = staticLayout(rt.ts, objects('Origin'));
    expect(names(origin.gc)).toEqual({ Zero: 0, Unit: 8 });
    expect([...origin.boxed].map((f) => f.name)).toEqual(['Zero', 'Unit']);
    const ids = staticLayout(rt.ts, objects('IdGenerator'));
    expect(names(ids.nonGC)).toEqual({ s_next: 0, s_stopped: 8 });
    expect(names(ids.threadNonGC)).toEqual({ t_perThread: 0 });
  });
});

describe('layouts of the extra test assembly', () => {
  const load = () => Runtime.load({ assemblies: [consumerPath], referenceDirectories: [fixturesBin] });

  it('handles {int; long}, Pack = 2 and overlapping explicit fields', () => {
    const r = load();
    const of = (n: string) => Object.fromEntries([...instanceLayout(r.ts, r.findType(`VmTests.${n}`)).fieldOffsets].map(([f, o]) => [f.name, o]));
    expect(of('IntLong')).toEqual({ A: 0, B: 8 });
    expect(instanceLayout(r.ts, r.findType('VmTests.IntLong')).size).toBe(16);
    expect(of('PackTwo')).toEqual({ A: 0, B: 2, C: 10 });
    expect(instanceLayout(r.ts, r.findType('VmTests.PackTwo'))).toMatchObject({ size: 12, alignment: 2 });
    expect(of('Overlap')).toEqual({ L: 0, I: 4 });
    expect(instanceLayout(r.ts, r.findType('VmTests.Overlap'))).toMatchObject({ size: 8, overlappingFields: true });
  });

  it('rejects a reference at a misaligned explicit offset with a TypeLoad EEError', () => {
    const r = load();
    const t = r.findType('VmTests.ExplicitClass');
    expect(() => instanceLayout(r.ts, t)).toThrow(EEError);
    try {
      instanceLayout(r.ts, t);
    } catch (err) {
      expect((err as EEError).kind).toBe('TypeLoad');
      expect((err as EEError).message).toMatch(/ExplicitClass.*misaligned/);
    }
  });
});
