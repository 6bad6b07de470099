import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Assembly, AssemblyResolver, ResolutionError, TableId, makeToken, sameHandle, type TypeHandle } from '../../src/ecma/index.js';
import { InputError } from '../../src/util/errors.js';
import { dataDir, ecmaApp, ecmaLib, fixturesBin, fixturesPresent, monoAssemblies, monoDir, monoPresent } from './helpers.js';
import { Heaps, buildAssemblyImage } from './synthetic.js';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tspmi-ecma-'));
  tempDirs.push(d);
  return d;
}

function setup() {
  const resolver = new AssemblyResolver({ searchDirectories: [dataDir], searchRequesterDirectory: false });
  const app = resolver.load(ecmaApp);
  const memberRefs = (name: string) => Array.from({ length: app.rowCount(TableId.MemberRef) }, (_, i) => i + 1).filter((r) => app.memberRef(r).name === name);
  const typeRef = (fullName: string) => Array.from({ length: app.rowCount(TableId.TypeRef) }, (_, i) => i + 1).find((r) => app.typeRefFullName(r) === fullName)!;
  const describe = (h: TypeHandle) => `[${h.assembly.name}]${h.assembly.typeDefFullName(h.rid)}`;
  return { resolver, app, memberRefs, typeRef, describe };
}

describe('TypeRef resolution', () => {
  it('follows AssemblyRef scopes through the search path', () => {
    const { resolver, app, typeRef, describe } = setup();
    const widget = resolver.resolveTypeRef(app, typeRef('Ecma.Lib.Widget'));
    expect(describe(widget)).toBe('[EcmaLib]Ecma.Lib.Widget');
    expect(widget.assembly.path).toBe(ecmaLib);
  });

  it('follows TypeRef scopes to nested types', () => {
    const { resolver, app, typeRef, describe } = setup();
    expect(describe(resolver.resolveTypeRef(app, typeRef('Ecma.Lib.Widget/Inner/Deeper')))).toBe('[EcmaLib]Ecma.Lib.Widget/Inner/Deeper');
  });

  it('follows ExportedType forwarders', () => {
    const { resolver, app, typeRef, describe } = setup();
    const rid = typeRef('Ecma.Moved.Relocated');
    expect(app.typeName(makeToken(TableId.TypeRef, rid))).toBe('[EcmaFacade]Ecma.Moved.Relocated');
    expect(describe(resolver.resolveTypeRef(app, rid))).toBe('[EcmaLib]Ecma.Moved.Relocated');
  });

  it('resolves TypeSpecs of generic instantiations to the generic definition', () => {
    const { resolver, app, describe } = setup();
    const specs = Array.from({ length: app.rowCount(TableId.TypeSpec) }, (_, i) => makeToken(TableId.TypeSpec, i + 1));
    const boxes = specs.filter((t) => app.typeName(t).startsWith('class [EcmaLib]Ecma.Lib.Box`1<'));
    expect(boxes.length).toBeGreaterThan(0);
    for (const t of boxes) expect(describe(resolver.resolveType(app, t))).toBe('[EcmaLib]Ecma.Lib.Box`1');
    const array = specs.find((t) => app.typeName(t).includes('['.concat('0...')))!;
    expect(() => resolver.resolveType(app, array)).toThrow(/has no type definition/);
  });

  it('caches assemblies by simple name, case-insensitively', () => {
    const { resolver, app, typeRef } = setup();
    const lib = resolver.resolveTypeRef(app, typeRef('Ecma.Lib.Widget')).assembly;
    expect(resolver.resolveAssemblyName('ECMALIB', app, 'test')).toBe(lib);
    expect(resolver.load(ecmaLib)).toBe(lib);
    expect(resolver.loaded().map((a) => a.name).sort()).toEqual(['EcmaApp', 'EcmaLib']);
  });

  it('walks base types', () => {
    const { resolver, app, typeRef, describe } = setup();
    const derived = resolver.resolveTypeRef(app, typeRef('Ecma.Lib.DerivedWidget'));
    expect(describe(resolver.resolveBaseType(derived)!)).toBe('[EcmaLib]Ecma.Lib.Widget');
  });
});

describe('MemberRef resolution', () => {
  it('picks each overload by its signature', () => {
    const { resolver, app, memberRefs } = setup();
    const refs = memberRefs('Overload');
    expect(refs.length).toBe(10);
    const resolved = refs.map((r) => resolver.resolveMethod(app, makeToken(TableId.MemberRef, r)));
    // Every reference finds a different definition, with the same signature text.
    expect(new Set(resolved.map((m) => m.rid)).size).toBe(10);
    for (let i = 0; i < refs.length; i++) {
      const sig = app.memberRefSignature(refs[i]!);
      const refText = sig.kind === 'method' ? sig.signature.params.map((p) => app.formatType(p).replace('[EcmaLib]', '')).join(', ') : '';
      const m = resolved[i]!;
      const defText = m.assembly.methodSignature(m.rid).params.map((p) => m.assembly.formatType(p)).join(', ');
      expect(defText).toBe(refText);
    }
  });

  it('resolves members of generic instantiations to the generic definition', () => {
    const { resolver, app, memberRefs } = setup();
    for (const r of memberRefs('Get').concat(memberRefs('Make'), memberRefs('Convert'))) {
      const m = resolver.resolveMemberRef(app, r);
      expect(m.kind).toBe('method');
      if (m.kind !== 'method') continue;
      const owner = m.method.assembly.declaringTypeOfMethod(m.method.rid);
      expect(['Ecma.Lib.Box`1', 'Ecma.Lib.Widget/Inner']).toContain(m.method.assembly.typeDefFullName(owner));
    }
    const items = memberRefs('Item').map((r) => resolver.resolveField(app, makeToken(TableId.MemberRef, r)));
    expect(items.length).toBe(2);
    expect(sameHandle(items[0]!, items[1]!)).toBe(true);
  });

  it('resolves fields, MethodSpecs, vararg call sites and array methods', () => {
    const { resolver, app, memberRefs } = setup();
    const count = resolver.resolveField(app, makeToken(TableId.MemberRef, memberRefs('Count')[0]!));
    expect(count.assembly.field(count.rid).name).toBe('Count');
    for (let rid = 1; rid <= app.rowCount(TableId.MethodSpec); rid++) {
      const m = resolver.resolveMethod(app, makeToken(TableId.MethodSpec, rid));
      expect(m.assembly.methodSignature(m.rid).genericParamCount).toBe(1);
      expect(app.methodSpecInstantiation(rid)).toHaveLength(1);
    }
    const sum = resolver.resolveMethod(app, makeToken(TableId.MemberRef, memberRefs('Sum')[0]!));
    expect(sum.assembly.methodDef(sum.rid).name).toBe('Sum');
    expect(sum.assembly.methodSignature(sum.rid).params).toHaveLength(1);
    const arrayCtor = memberRefs('.ctor').find((r) => app.typeName(app.memberRef(r).parent).startsWith('int32['))!;
    expect(resolver.resolveMemberRef(app, arrayCtor).kind).toBe('arrayMethod');
  });

  it('compares types across assemblies', () => {
    const { resolver, app, typeRef } = setup();
    const lib = resolver.resolveTypeRef(app, typeRef('Ecma.Lib.Widget')).assembly;
    const widgetRef = makeToken(TableId.TypeRef, typeRef('Ecma.Lib.Widget'));
    const widgetDef = makeToken(TableId.TypeDef, lib.findTypeDef('Ecma.Lib', 'Widget'));
    const derivedDef = makeToken(TableId.TypeDef, lib.findTypeDef('Ecma.Lib', 'DerivedWidget'));
    expect(resolver.sameType(app, widgetRef, lib, widgetDef)).toBe(true);
    expect(resolver.sameType(app, widgetRef, lib, derivedDef)).toBe(false);
  });
});

describe('resolution failures', () => {
  it('names a referenced assembly missing from the search path', () => {
    const dir = tempDir();
    copyFileSync(ecmaApp, join(dir, 'EcmaApp.dll'));
    const resolver = new AssemblyResolver({ searchDirectories: [dir] });
    const app = resolver.load(join(dir, 'EcmaApp.dll'));
    const widget = Array.from({ length: app.rowCount(TableId.TypeRef) }, (_, i) => i + 1).find((r) => app.typeRefFullName(r) === 'Ecma.Lib.Widget')!;
    let caught: unknown;
    try {
      resolver.resolveTypeRef(app, widget);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ResolutionError);
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toBe(
      `${join(dir, 'EcmaApp.dll')}: cannot resolve TypeRef 0x${makeToken(TableId.TypeRef, widget).toString(16).padStart(8, '0')} Ecma.Lib.Widget: assembly EcmaLib not found (searched ${dir})`,
    );
  });

  it('names a type its assembly does not define', () => {
    const { resolver, app } = setup();
    const lib = resolver.load(ecmaLib);
    expect(() => resolver.findTypeInAssembly(lib, 'Ecma.Lib', 'Nope', app, 'test lookup', 0)).toThrow(`cannot resolve test lookup: ${ecmaLib} defines no type Ecma.Lib.Nope`);
  });

  it('finds a member on a base type and reports a missing one', () => {
    // Synthetic pair: Lib defines Base.M() and Derived : Base; App refers to Derived::M and Derived::Missing.
    const dir = tempDir();
    const lh = new Heaps();
    const voidSig = [0x20, 0x00, 0x01];
    const lib = buildAssemblyImage(
      {
        Module: [{ Name: lh.string('SynLib.dll') }],
        Assembly: [{ Name: lh.string('SynLib') }],
        TypeDef: [
          { TypeName: lh.string('<Module>'), FieldList: 1, MethodList: 1 },
          { TypeName: lh.string('Base'), TypeNamespace: lh.string('Syn'), FieldList: 1, MethodList: 1 },
          { TypeName: lh.string('Derived'), TypeNamespace: lh.string('Syn'), Extends: makeToken(TableId.TypeDef, 2), FieldList: 1, MethodList: 2 },
        ],
        MethodDef: [{ Name: lh.string('M'), Signature: lh.blob(voidSig), ParamList: 1 }],
      },
      lh,
    );
    writeFileSync(join(dir, 'SynLib.dll'), lib.bytes);
    const ah = new Heaps();
    const app = buildAssemblyImage(
      {
        Module: [{ Name: ah.string('SynApp.dll') }],
        Assembly: [{ Name: ah.string('SynApp') }],
        AssemblyRef: [{ Name: ah.string('SynLib') }],
        TypeRef: [{ ResolutionScope: makeToken(TableId.AssemblyRef, 1), TypeName: ah.string('Derived'), TypeNamespace: ah.string('Syn') }],
        MemberRef: [
          { Class: makeToken(TableId.TypeRef, 1), Name: ah.string('M'), Signature: ah.blob(voidSig) },
          { Class: makeToken(TableId.TypeRef, 1), Name: ah.string('Missing'), Signature: ah.blob(voidSig) },
        ],
      },
      ah,
    );
    writeFileSync(join(dir, 'SynApp.dll'), app.bytes);
    const resolver = new AssemblyResolver();
    const synApp = resolver.load(join(dir, 'SynApp.dll'));
    const m = resolver.resolveMethod(synApp, makeToken(TableId.MemberRef, 1));
    expect(m.assembly.typeDefFullName(m.assembly.declaringTypeOfMethod(m.rid))).toBe('Syn.Base');
    expect(() => resolver.resolveMemberRef(synApp, 2)).toThrow(/cannot resolve MemberRef 0x0a000002 Missing: Syn\.Derived in .*SynLib\.dll has no method Missing with that signature/);
  });
});

describe.skipIf(!fixturesPresent)('fixture assemblies', () => {
  it('resolves every TypeRef and MemberRef of every fixture program against the fixture corlib', () => {
    const resolver = new AssemblyResolver({ searchDirectories: [fixturesBin] });
    const programs = readdirSync(fixturesBin).filter((f) => f.endsWith('.dll'));
    let members = 0;
    for (const file of programs) {
      const asm = resolver.load(join(fixturesBin, file));
      for (let r = 1; r <= asm.rowCount(TableId.TypeRef); r++) resolver.resolveTypeRef(asm, r);
      for (let r = 1; r <= asm.rowCount(TableId.MemberRef); r++, members++) resolver.resolveMemberRef(asm, r);
      for (let r = 1; r <= asm.rowCount(TableId.CustomAttribute); r++) asm.customAttributeValue(r, resolver);
    }
    expect(members).toBeGreaterThan(0);
  });
});

const monoSkip = monoPresent ? '' : ` (skipped: ${monoDir} not installed)`;
describe('Mono class libraries', () => {
  it.skipIf(!monoPresent)(`resolves every TypeRef, MemberRef and custom attribute of System.dll and System.Core.dll${monoSkip}`, () => {
    const resolver = new AssemblyResolver({ searchDirectories: [monoDir] });
    for (const path of monoAssemblies.slice(1)) {
      const asm: Assembly = resolver.load(path);
      for (let r = 1; r <= asm.rowCount(TableId.TypeRef); r++) resolver.resolveTypeRef(asm, r);
      for (let r = 1; r <= asm.rowCount(TableId.MemberRef); r++) resolver.resolveMemberRef(asm, r);
      for (let r = 1; r <= asm.rowCount(TableId.CustomAttribute); r++) asm.customAttributeValue(r, resolver);
      for (let r = 1; r <= asm.rowCount(TableId.MethodSpec); r++) resolver.resolveMethod(asm, makeToken(TableId.MethodSpec, r));
    }
  });
});
