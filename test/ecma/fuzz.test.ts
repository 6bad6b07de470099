import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Assembly, AssemblyResolver, TableId, makeToken } from '../../src/ecma/index.js';
import { InputError } from '../../src/util/errors.js';
import { ecmaApp } from './helpers.js';

// Seeded random damage to a real assembly. Whatever the damage, reading must
// either succeed or throw an InputError (never a RangeError, TypeError or
// stack overflow), and must finish.

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Touches everything the reader can decode. */
function readEverything(bytes: Uint8Array): void {
  const asm = Assembly.fromBytes(bytes, 'fuzz.dll');
  const resolver = new AssemblyResolver({ searchDirectories: [], searchRequesterDirectory: false });
  for (let id = 0; id <= TableId.GenericParamConstraint; id++) {
    for (let rid = 1; rid <= asm.rowCount(id); rid++) asm.table(id).row(rid);
  }
  for (let t = 1; t <= asm.rowCount(TableId.TypeDef); t++) {
    asm.typeDefFullName(t);
    asm.typeDefFields(t);
    asm.typeDefMethods(t);
    asm.nestedTypes(t);
    asm.genericParams(makeToken(TableId.TypeDef, t));
    asm.interfaces(t);
    asm.classLayout(t);
  }
  for (let m = 1; m <= asm.rowCount(TableId.MethodDef); m++) {
    asm.methodDef(m);
    asm.declaringTypeOfMethod(m);
    asm.methodSignature(m);
    asm.methodBody(m);
    asm.localVariables(m);
    asm.methodParams(m);
  }
  for (let f = 1; f <= asm.rowCount(TableId.Field); f++) asm.fieldSignature(f);
  for (let r = 1; r <= asm.rowCount(TableId.TypeRef); r++) asm.typeName(makeToken(TableId.TypeRef, r));
  for (let r = 1; r <= asm.rowCount(TableId.MemberRef); r++) asm.memberRefSignature(r);
  for (let r = 1; r <= asm.rowCount(TableId.TypeSpec); r++) asm.typeName(makeToken(TableId.TypeSpec, r));
  for (let r = 1; r <= asm.rowCount(TableId.MethodSpec); r++) asm.methodSpecInstantiation(r);
  for (let r = 1; r <= asm.rowCount(TableId.StandAloneSig); r++) asm.standAloneSignature(r);
  for (let r = 1; r <= asm.rowCount(TableId.CustomAttribute); r++) asm.customAttributeValue(r, resolver);
  for (let r = 1; r <= asm.rowCount(TableId.TypeRef); r++) resolver.resolveTypeRef(asm, r);
}

function survives(bytes: Uint8Array): void {
  try {
    readEverything(bytes);
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`raw ${(err as Error).name} escaped: ${(err as Error).stack}`);
    expect((err as Error).message).not.toContain('\n');
  }
}

describe('damaged assemblies', () => {
  const original = new Uint8Array(readFileSync(ecmaApp));
  const asm = Assembly.open(ecmaApp);
  const mdStart = asm.metadataRoot.offset;
  const mdEnd = mdStart + asm.metadataRoot.size;

  it('reads the undamaged assembly completely (the resolver has no search path)', () => {
    expect(() => readEverything(original)).toThrow(/assembly (mscorlib|EcmaLib|EcmaFacade) not found/);
  });

  it('random byte damage in the metadata throws only input errors', () => {
    const random = prng(0x5eed);
    for (let i = 0; i < 400; i++) {
      const bytes = Uint8Array.from(original);
      const hits = 1 + Math.floor(random() * 8);
      for (let h = 0; h < hits; h++) {
        const at = mdStart + Math.floor(random() * (mdEnd - mdStart));
        bytes[at] = Math.floor(random() * 256);
      }
      survives(bytes);
    }
  });

  it('random byte damage anywhere throws only input errors', () => {
    const random = prng(42);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from(original);
      const at = Math.floor(random() * bytes.length);
      // Mostly single bytes; sometimes all-ones words, which make the largest lengths and counts.
      if (random() < 0.3) bytes.fill(0xff, at, Math.min(bytes.length, at + 4));
      else bytes[at] = Math.floor(random() * 256);
      survives(bytes);
    }
  });

  it('every truncation length throws only input errors', () => {
    for (let length = 0; length < original.length; length += 7) survives(original.subarray(0, length));
  });
});
