import { beforeAll, describe, expect, it } from 'vitest';
import {
  CORINFO_EH_CLAUSE_FLAGS,
  CORINFO_FIELD_ACCESSOR,
  CORINFO_FIELD_FLAGS,
  CORINFO_OS,
  CorInfoClassId,
  CorInfoHelpFunc,
  CorInfoInitClassResult,
  CorInfoOptions,
  CorInfoType,
  CorInfoTypeWithMod,
  InfoAccessType,
  NULL_CONTEXT_HANDLE,
  NULL_FIELD_HANDLE,
  NULL_METHOD_HANDLE,
  RelocType,
  type CORINFO_RESOLVED_TOKEN,
  classContext,
  stripTypeMods,
} from '../../src/jitee/index.js';
import { CODE_REGION_BASE, type LiveJitInterface, type Runtime } from '../../src/vm/index.js';
import { OP, loadFixtures, methodNamed, resolvedInstructions } from './helpers.js';

let rt: Runtime;
beforeAll(() => {
  rt = loadFixtures();
});

function jiFor(type: string, method: string, mode: 'jit' | 'r2r' = 'jit'): LiveJitInterface {
  return rt.createJitInterface({ version: 'base', mode, method: methodNamed(rt, type, method) });
}

function fieldAccess(ji: LiveJitInterface): { token: CORINFO_RESOLVED_TOKEN; name: string }[] {
  return resolvedInstructions(ji)
    .filter((r) => r.resolved.hField !== NULL_FIELD_HANDLE)
    .map((r) => ({ token: r.resolved, name: ji.getFieldName(r.resolved.hField) }));
}

const A = CORINFO_FIELD_ACCESSOR;
const FF = CORINFO_FIELD_FLAGS;

describe('getMethodInfo and signatures', () => {
  it('gives IL, locals and arguments, with pinned locals marked', () => {
    const ji = jiFor('Fixtures.Objects.PointerTests', 'SumFixedArray');
    const info = ji.methodInfo()!;
    expect(info.ftn).toBe(ji.method);
    expect(info.ILCode.length).toBeGreaterThan(10);
    expect(info.options & CorInfoOptions.CORINFO_OPT_INIT_LOCALS).not.toBe(0);
    expect(info.args.numArgs).toBe(1);
    expect(info.args.retType).toBe(CorInfoType.CORINFO_TYPE_INT);
    const arg = ji.getArgType(info.args, info.args.args);
    expect(arg.type).toBe(CorInfoType.CORINFO_TYPE_CLASS);
    expect(ji.getClassName(ji.getArgClass(info.args, info.args.args))).toBe('int[]');
    const locals: number[] = [];
    let a = info.locals.args;
    for (let i = 0; i < info.locals.numArgs; i++, a = ji.getArgNext(a)) locals.push(ji.getArgType(info.locals, a).type);
    expect(locals.some((t) => (t & CorInfoTypeWithMod.CORINFO_TYPE_MOD_PINNED) !== 0)).toBe(true);
    expect(locals.map(stripTypeMods)).toContain(CorInfoType.CORINFO_TYPE_PTR);
  });

  it('marks where shared code finds its generic context', () => {
    const opts = (t: string, m: string) => jiFor(t, m).methodInfo()!.options & CorInfoOptions.CORINFO_GENERICS_CTXT_MASK;
    expect(opts('Fixtures.Generics.Box`1', 'get_Value')).toBe(CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_THIS);
    expect(opts('Fixtures.Generics.GenericMethods', 'Identity')).toBe(CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODDESC);
    expect(opts('Fixtures.Generics.Counter`1', 'Increment')).toBe(CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODTABLE);
    expect(opts('Fixtures.Objects.StructTests', 'MakePoint')).toBe(0);
  });

  it('reads EH clauses in IL offsets', () => {
    const ji = jiFor('Fixtures.Exceptions.ExceptionTests', 'CatchFinally');
    const info = ji.methodInfo()!;
    expect(info.EHcount).toBeGreaterThanOrEqual(2);
    const clauses = Array.from({ length: info.EHcount }, (_, i) => ji.getEHinfo(ji.method, i));
    expect(clauses.map((c) => c.flags)).toContain(CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY);
    const typed = clauses.find((c) => c.flags === CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_NONE)!;
    expect(typed.classTokenOrFilterOffset >>> 24).toBeGreaterThan(0);
    const filter = jiFor('Fixtures.Exceptions.ExceptionTests', 'Filter');
    expect(filter.getEHinfo(filter.method, 0).flags).toBe(CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER);
  });

  it('instantiates a method signature over memberParent', () => {
    const ji = jiFor('Fixtures.Generics.GenericTests', 'IntBox');
    const box = rt.findType('Fixtures.Generics.Box`1', 'Generics');
    const getter = rt.methodHandle(rt.findMethod(box, 'get_Value'));
    expect(ji.getMethodSig(getter).retType).toBe(CorInfoType.CORINFO_TYPE_CLASS);
    const boxOfInt = rt.classHandle(rt.ts.defType(box.def, [rt.ts.int32Type]));
    expect(ji.getMethodSig(getter, boxOfInt).retType).toBe(CorInfoType.CORINFO_TYPE_INT);
  });
});

describe('getFieldInfo', () => {
  it('instance fields: offset from the object', () => {
    const ji = jiFor('Fixtures.Objects.Account', 'Deposit');
    const balance = fieldAccess(ji).find((f) => f.name === '_balance')!;
    const info = ji.getFieldInfo(balance.token, ji.method, 0);
    expect(info).toMatchObject({ fieldAccessor: A.CORINFO_FIELD_INSTANCE, offset: 16, fieldType: CorInfoType.CORINFO_TYPE_LONG });
  });

  it('jit mode statics: the address in the static block; a precise class constructor needs the helper', () => {
    const ji = jiFor('Fixtures.Objects.StaticTests', 'ReadMaxItems');
    const [maxItems] = fieldAccess(ji);
    const info = ji.getFieldInfo(maxItems!.token, ji.method, 0);
    expect(info.fieldAccessor).toBe(A.CORINFO_FIELD_STATIC_ADDRESS);
    expect(info.fieldFlags & FF.CORINFO_FLG_FIELD_STATIC).not.toBe(0);
    expect(info.fieldFlags & FF.CORINFO_FLG_FIELD_INITCLASS).toBe(0);
    expect(info.fieldLookup.accessType).toBe(InfoAccessType.IAT_VALUE);
    expect(info.fieldLookup.handle - rt.staticBase(rt.findType('Fixtures.Objects.Settings', 'Objects'), 'nonGC')).toBe(8n);
    expect(ji.initClass(maxItems!.token.hField, NULL_METHOD_HANDLE, NULL_CONTEXT_HANDLE)).toBe(CorInfoInitClassResult.CORINFO_INITCLASS_INITIALIZED);

    const dep = jiFor('Fixtures.Objects.StaticTests', 'DependentValue');
    const [value] = fieldAccess(dep);
    expect(dep.getFieldInfo(value!.token, dep.method, 0).fieldFlags & FF.CORINFO_FLG_FIELD_INITCLASS).not.toBe(0);
    expect(dep.initClass(value!.token.hField, NULL_METHOD_HANDLE, NULL_CONTEXT_HANDLE)).toBe(CorInfoInitClassResult.CORINFO_INITCLASS_USE_HELPER);
    const own = jiFor('Fixtures.Objects.Registry', 'Lookup');
    const [table] = fieldAccess(own);
    expect(own.initClass(table!.token.hField, NULL_METHOD_HANDLE, NULL_CONTEXT_HANDLE)).toBe(CorInfoInitClassResult.CORINFO_INITCLASS_NOT_REQUIRED);
  });

  it('boxed struct statics live in the GC block, thread statics behind a helper', () => {
    const ji = jiFor('Fixtures.Objects.StaticTests', 'OriginSum');
    const zero = fieldAccess(ji).find((f) => f.name === 'Zero')!;
    const info = ji.getFieldInfo(zero.token, ji.method, 0);
    expect(info.fieldFlags & FF.CORINFO_FLG_FIELD_STATIC_IN_HEAP).not.toBe(0);
    expect(info.fieldType).toBe(CorInfoType.CORINFO_TYPE_VALUECLASS);
    const thread = jiFor('Fixtures.Objects.IdGenerator', 'NextOnThisThread');
    const t = thread.getFieldInfo(fieldAccess(thread)[0]!.token, thread.method, 0);
    expect(t).toMatchObject({ fieldAccessor: A.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER, helper: CorInfoHelpFunc.CORINFO_HELP_GET_NONGCTHREADSTATIC_BASE, offset: 0 });
    const r2r = jiFor('Fixtures.Objects.IdGenerator', 'NextOnThisThread', 'r2r');
    const tr = r2r.getFieldInfo(fieldAccess(r2r)[0]!.token, r2r.method, 0);
    expect(tr.helper).toBe(CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NONGCTHREADSTATIC_BASE);
    expect(r2r.r2rFixups.map((f) => f.kindName)).toEqual(['READYTORUN_FIXUP_ThreadStaticBaseNonGC']);
  });

  it('r2r mode statics: through the static base helper and its import cell', () => {
    const ji = jiFor('Fixtures.Objects.StaticTests', 'ReadTitle', 'r2r');
    const info = ji.getFieldInfo(fieldAccess(ji)[0]!.token, ji.method, 0);
    expect(info).toMatchObject({ fieldAccessor: A.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER, helper: CorInfoHelpFunc.CORINFO_HELP_READYTORUN_GCSTATIC_BASE, offset: 0 });
    expect(info.fieldLookup.accessType).toBe(InfoAccessType.IAT_PVALUE);
    expect(ji.r2rFixups).toEqual([expect.objectContaining({ cell: info.fieldLookup.handle, kindName: 'READYTORUN_FIXUP_StaticBaseGC', target: 'Fixtures.Objects.Settings' })]);
    const token = fieldAccess(ji)[0]!.token;
    expect(ji.getReadyToRunHelper(token, null, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_GCSTATIC_BASE, ji.method)).toEqual(info.fieldLookup);
  });

  it('statics of shared generic code need the generic static base helper', () => {
    const ji = jiFor('Fixtures.Generics.Counter`1', 'Increment');
    const info = ji.getFieldInfo(fieldAccess(ji)[0]!.token, ji.method, 0);
    expect(info).toMatchObject({ fieldAccessor: A.CORINFO_FIELD_STATIC_GENERICS_STATIC_HELPER, helper: CorInfoHelpFunc.CORINFO_HELP_GETDYNAMIC_NONGCSTATIC_BASE });
  });
});

describe('class helpers', () => {
  it('picks allocation, boxing and casting helpers', () => {
    const ji = jiFor('Fixtures.Objects.BoxingTests', 'BoxNullable');
    const cls = (t: string, a?: string) => rt.classHandle(rt.findType(t, a));
    const nullableInt = rt.classHandle(rt.ts.defType(rt.findType('System.Nullable`1').def, [rt.ts.int32Type]));
    expect(ji.getBoxHelper(nullableInt)).toBe(CorInfoHelpFunc.CORINFO_HELP_BOX_NULLABLE);
    expect(ji.getUnBoxHelper(nullableInt)).toBe(CorInfoHelpFunc.CORINFO_HELP_UNBOX_NULLABLE);
    expect(ji.getTypeForBox(nullableInt)).toBe(rt.classHandle(rt.ts.int32Type));
    expect(ji.getBoxHelper(cls('Fixtures.Objects.Point', 'Objects'))).toBe(CorInfoHelpFunc.CORINFO_HELP_BOX);
    expect(ji.getNewHelper(cls('Fixtures.Objects.Circle', 'Objects'))).toEqual({ helper: CorInfoHelpFunc.CORINFO_HELP_NEWSFAST, hasSideEffects: false });
    expect(jiFor('Fixtures.Objects.BoxingTests', 'BoxNullable', 'r2r').getNewHelper(cls('Fixtures.Objects.Circle', 'Objects')).helper).toBe(CorInfoHelpFunc.CORINFO_HELP_NEWFAST);
    const intArray = rt.classHandle(rt.ts.arrayOf(rt.ts.int32Type, 1, true));
    const stringArray = rt.classHandle(rt.ts.arrayOf(rt.ts.stringType, 1, true));
    expect(ji.getNewArrHelper(intArray)).toBe(CorInfoHelpFunc.CORINFO_HELP_NEWARR_1_VC);
    expect(ji.getNewArrHelper(stringArray)).toBe(CorInfoHelpFunc.CORINFO_HELP_NEWARR_1_OBJ);
    expect(ji.getChildType(intArray)).toEqual({ type: CorInfoType.CORINFO_TYPE_INT, childClass: 0n });
    expect(ji.getChildType(stringArray)).toEqual({ type: CorInfoType.CORINFO_TYPE_CLASS, childClass: rt.classHandle(rt.ts.stringType) });
    expect(ji.getArrayRank(intArray)).toBe(1);
    const casts = (name: string) => {
      const cast = resolvedInstructions(jiFor('Fixtures.Objects.TypeTests', name)).find((r) => r.opcode === OP.castclass || r.opcode === OP.isinst)!;
      return ji.getCastingHelper(cast.resolved, cast.opcode === OP.castclass);
    };
    expect(casts('CastToCircle')).toBe(CorInfoHelpFunc.CORINFO_HELP_CHKCASTCLASS);
    expect(casts('CastToInterface')).toBe(CorInfoHelpFunc.CORINFO_HELP_CHKCASTINTERFACE);
    expect(casts('CastToStringArray')).toBe(CorInfoHelpFunc.CORINFO_HELP_CHKCASTARRAY);
    expect(casts('IsString')).toBe(CorInfoHelpFunc.CORINFO_HELP_ISINSTANCEOFCLASS);
    expect(ji.getSharedCCtorHelper(cls('Fixtures.Objects.Settings', 'Objects'))).toBe(CorInfoHelpFunc.CORINFO_HELP_GET_GCSTATIC_BASE);
  });

  it('knows the built-in classes', () => {
    const ji = jiFor('Fixtures.Objects.StaticTests', 'ReadMaxItems');
    expect(ji.getClassName(ji.getBuiltinClass(CorInfoClassId.CLASSID_SYSTEM_OBJECT))).toBe('System.Object');
    expect(ji.getClassName(ji.getBuiltinClass(CorInfoClassId.CLASSID_STRING))).toBe('System.String');
    expect(ji.getClassName(ji.getBuiltinClass(CorInfoClassId.CLASSID_TYPE_HANDLE))).toBe('System.RuntimeTypeHandle');
    expect(ji.isValueClass(ji.getBuiltinClass(CorInfoClassId.CLASSID_TYPE_HANDLE))).toBe(true);
    expect(ji.asCorInfoType(rt.classHandle(rt.findType('Fixtures.Objects.Color', 'Objects')))).toBe(CorInfoType.CORINFO_TYPE_INT);
    for (const role of ['thread', 'task', 'taskOfT', 'continuation', 'asyncHelpers', 'executionContext', 'synchronizationContext'] as const) {
      expect(rt.wellKnownType(role).def.module).toBe(rt.corlib);
    }
    expect(ji.getClassNameFromMetadata(rt.classHandle(rt.findType('Fixtures.Generics.List`1/Enumerator', 'Generics')))).toEqual({ className: 'Enumerator', namespaceName: '' });
  });
});

describe('embedding, entry points, EE info', () => {
  it('embeds handles directly in jit mode and through cells in r2r mode', () => {
    const cls = rt.classHandle(rt.findType('Fixtures.Objects.Point', 'Objects'));
    const jit = jiFor('Fixtures.Objects.StructTests', 'MakePoint');
    expect(jit.embedClassHandle(cls)).toEqual({ accessType: InfoAccessType.IAT_VALUE, handle: cls });
    expect(jit.getFunctionEntryPoint(jit.method, 0).accessType).toBe(InfoAccessType.IAT_VALUE);
    const r2r = jiFor('Fixtures.Objects.StructTests', 'MakePoint', 'r2r');
    const cell = r2r.embedClassHandle(cls);
    expect(cell.accessType).toBe(InfoAccessType.IAT_PVALUE);
    expect(r2r.embedClassHandle(cls)).toEqual(cell);
    expect(r2r.r2rFixups).toEqual([expect.objectContaining({ kindName: 'READYTORUN_FIXUP_TypeHandle', target: 'Fixtures.Objects.Point', cls })]);
    expect(r2r.getReadyToRunHelper(resolvedInstructions(jiFor('Fixtures.Objects.ClassTests', 'BuildList', 'r2r'))[0]!.resolved, null, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEW, r2r.method)?.accessType).toBe(InfoAccessType.IAT_PVALUE);
    expect(jit.getReadyToRunHelper(resolvedInstructions(jiFor('Fixtures.Objects.ClassTests', 'BuildList'))[0]!.resolved, null, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEW, jit.method)).toBeNull();
  });

  it('hints REL32 for code-region targets and DIR64 for handles', () => {
    const ji = jiFor('Fixtures.Objects.StructTests', 'MakePoint');
    const entry = ji.getFunctionEntryPoint(ji.method, 0).handle;
    expect(entry >= CODE_REGION_BASE).toBe(true);
    expect(ji.getRelocTypeHint(entry)).toBe(RelocType.IMAGE_REL_BASED_REL32);
    expect(ji.getRelocTypeHint(ji.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_THROW).lookup.handle)).toBe(RelocType.IMAGE_REL_BASED_REL32);
    expect(ji.getRelocTypeHint(rt.classHandle(rt.ts.objectType) as never)).toBe(RelocType.IMAGE_REL_BASED_DIR64);
    expect(rt.describeAddress(ji.getHelperFtn(CorInfoHelpFunc.CORINFO_HELP_THROW).lookup.handle)).toBe('helper CORINFO_HELP_THROW');
  });

  it('reports object layout constants from the corlib', () => {
    const info = jiFor('Fixtures.Objects.StructTests', 'MakePoint').getEEInfo();
    expect(info).toMatchObject({
      pointerSize: 8,
      sizeOfObjectHeader: 8,
      offsetOfArrayLength: 8,
      offsetOfObjArrayData: 16,
      offsetOfStringLength: 8,
      offsetOfStringFirstChar: 12,
      offsetOfDelegateInstance: 8,
      offsetOfDelegateFirstTarget: 16,
      osType: CORINFO_OS.CORINFO_WINNT,
    });
  });

  it('answers names and class contexts', () => {
    const ji = jiFor('Fixtures.Generics.GenericTests', 'IntBox');
    const box = rt.findType('Fixtures.Generics.Box`1', 'Generics');
    const boxOfInt = rt.ts.defType(box.def, [rt.ts.int32Type]);
    const getter = rt.methodHandle(rt.findMethod(boxOfInt, 'get_Value'));
    expect(ji.getMethodClass(getter)).toBe(rt.classHandle(boxOfInt));
    expect(ji.getClassName(rt.classHandle(boxOfInt))).toBe('Fixtures.Generics.Box`1[int]');
    expect(ji.getMethodDefFromMethod(getter) >>> 24).toBe(0x06);
    expect(ji.getMethodHash(getter)).toBe(ji.getMethodHash(getter));
    const info = ji.getMethodInfo(getter, classContext(rt.classHandle(boxOfInt)))!;
    expect(info.args.retType).toBe(CorInfoType.CORINFO_TYPE_INT);
  });
});
