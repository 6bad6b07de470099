import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { formatCompileListing } from '../../src/jit/index.js';
import { compileAll, fixtures, type Mode } from './vm-helpers.js';

const GOLDEN_DIR = fileURLToPath(new URL('golden/', import.meta.url));

/**
 * Representative fixture methods and the .dasm each compiles to, in
 * test/jit/golden/<file>.<mode>.dasm. TSPMI_BLESS=1 rewrites the files
 * instead of comparing.
 */
const CASES: readonly { readonly file: string; readonly method: string; readonly modes: readonly Mode[] }[] = [
  { file: 'arith-div', method: 'Fixtures.Basics.Int32Ops:Div(int,int):int', modes: ['jit'] },
  { file: 'arith-checked-mul', method: 'Fixtures.Basics.Int64Ops:MulChecked(long,long):long', modes: ['jit'] },
  { file: 'float-compare', method: 'Fixtures.Basics.DoubleOps:LessThan(double,double):bool', modes: ['jit'] },
  { file: 'branch-switch', method: 'Fixtures.Basics.Switches:Dense(int):int', modes: ['jit'] },
  { file: 'loop-array', method: 'Fixtures.Basics.Loops:SumArray(int[]):int', modes: ['jit'] },
  { file: 'struct-copy', method: 'Fixtures.Objects.StructTests:ScaleCopy(Fixtures.Objects.Point):int', modes: ['jit'] },
  { file: 'struct-return-buffer', method: 'Fixtures.Objects.StructTests:MakeLarge(long):Fixtures.Objects.Large', modes: ['jit'] },
  { file: 'virtual-call', method: 'Fixtures.Objects.ClassTests:TotalArea(Fixtures.Objects.Shape[]):double', modes: ['jit', 'r2r'] },
  { file: 'interface-call', method: 'Fixtures.Objects.ClassTests:AreaThroughInterface(Fixtures.Objects.IShape):double', modes: ['jit', 'r2r'] },
  { file: 'new-object', method: 'Fixtures.Objects.ClassTests:BuildList(int):Fixtures.Objects.Node', modes: ['jit', 'r2r'] },
  { file: 'array-of-structs', method: 'Fixtures.Objects.ArrayTests:SumPointsInPlace(Fixtures.Objects.Point[]):int', modes: ['jit'] },
  { file: 'string-literal', method: 'Fixtures.Objects.StringTests:Greeting():System.String', modes: ['jit', 'r2r'] },
  { file: 'static-field', method: 'Fixtures.Objects.StaticTests:ReadMaxItems():int', modes: ['jit', 'r2r'] },
  { file: 'boxing', method: 'Fixtures.Objects.BoxingTests:BoxPoint(Fixtures.Objects.Point):System.Object', modes: ['jit'] },
  { file: 'delegate-invoke', method: 'Fixtures.Objects.DelegateTests:Apply(Fixtures.Objects.BinaryOp,int,int):int', modes: ['jit'] },
  { file: 'try-catch-finally', method: 'Fixtures.Exceptions.ExceptionTests:CatchFinally(int):int', modes: ['jit'] },
  { file: 'exception-filter', method: 'Fixtures.Exceptions.ExceptionTests:Filter(int):int', modes: ['jit'] },
  { file: 'generic-shared-instance', method: 'Fixtures.Generics.Box`1[System.__Canon]:ValueType():System.Type:this', modes: ['jit'] },
  { file: 'generic-shared-method', method: 'Fixtures.Generics.GenericMethods:CastTo[System.__Canon](System.Object):System.__Canon', modes: ['jit', 'r2r'] },
  { file: 'generic-shared-static', method: 'Fixtures.Generics.Counter`1[System.__Canon]:Increment():int', modes: ['jit', 'r2r'] },
];

function expectGoldenFile(actual: string, fileName: string): void {
  expectGolden(actual, join(GOLDEN_DIR, fileName));
}

function escapeGlob(name: string): string {
  return name.replace(/[*?]/g, '?');
}

describe('golden .dasm listings', () => {
  for (const c of CASES) {
    for (const mode of c.modes) {
      it(`${c.file} (${mode}): ${c.method}`, () => {
        const compiled = compileAll(fixtures(), mode, escapeGlob(c.method)).filter((m) => m.name === c.method);
        expect(compiled).toHaveLength(1);
        const { result, methodHash } = compiled[0]!;
        if (!result.ok) throw new Error(result.message);
        expectGoldenFile(formatCompileListing(result, methodHash), `${c.file}.${mode}.dasm`);
      });
    }
  }
});
