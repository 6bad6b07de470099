import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../golden.js';
import { formatCompileListing } from '../../../src/jit/index.js';
import { fixtures, type Mode } from '../vm-helpers.js';
import { asyncSampleMethods, compileWith } from './async-compile.js';

const GOLDEN_DIR = fileURLToPath(new URL('golden/', import.meta.url));

/**
 * One .dasm per async fixture shape, build and mode, in
 * golden/<mode>/<build>/<Shape>.dasm. TSPMI_BLESS=1 rewrites them.
 */
const SHAPES: readonly { readonly file: string; readonly method: string }[] = [
  { file: 'NoAwait', method: 'Fixtures.Async.Shapes:NoAwait(int):int' },
  { file: 'OneAwait', method: 'Fixtures.Async.Shapes:OneAwait(int):int' },
  { file: 'SeveralAwaits', method: 'Fixtures.Async.Shapes:SeveralAwaits(int,int):int' },
  { file: 'AwaitInLoop', method: 'Fixtures.Async.Shapes:AwaitInLoop(int):int' },
  { file: 'AwaitInTryCatch', method: 'Fixtures.Async.Shapes:AwaitInTryCatch(int):int' },
  { file: 'AwaitInTryFinally', method: 'Fixtures.Async.Shapes:AwaitInTryFinally(int):int' },
  { file: 'VoidWithAwaits', method: 'Fixtures.Async.Shapes:VoidWithAwaits(int[])' },
  { file: 'LiveMixed', method: 'Fixtures.Async.Shapes:LiveMixed(int,long,double,System.String,Fixtures.Async.Vector2,Fixtures.Async.Widget):double' },
  { file: 'GenericAwait', method: 'Fixtures.Async.Shapes:GenericAwait[System.__Canon](System.__Canon):System.__Canon' },
  { file: 'AsyncBox.Get', method: 'Fixtures.Async.AsyncBox`1[System.__Canon]:Get():System.__Canon:this' },
  { file: 'AwaitTaskOfT', method: 'Fixtures.Async.Shapes:AwaitTaskOfT(System.Threading.Tasks.Task`1[int]):int' },
  { file: 'LiveStructs', method: 'Fixtures.Async.Shapes:LiveStructs(Fixtures.Async.Vector2,int):double' },
  { file: 'Switch', method: 'Fixtures.Async.Shapes:Switch(int,int):int' },
  { file: 'Leaf.GetVector', method: 'Fixtures.Async.Leaf:GetVector(double,double):Fixtures.Async.Vector2' },
];

function expectGoldenFile(actual: string, relative: string): void {
  expectGolden(actual, join(GOLDEN_DIR, relative));
}

describe('runtime-async golden listings', () => {
  const methods = asyncSampleMethods(fixtures()).async;
  for (const mode of ['jit', 'r2r'] as const satisfies readonly Mode[]) {
    for (const build of ['base', 'diff'] as const) {
      for (const shape of SHAPES) {
        it(`${mode}/${build}/${shape.file}`, () => {
          const m = methods.find((x) => x.name === shape.method);
          expect(m, `${shape.method} is an async fixture method`).toBeDefined();
          const compiled = compileWith(fixtures(), m!, mode, build);
          expectGoldenFile(formatCompileListing(compiled.result, compiled.methodHash), `${mode}/${build}/${shape.file}.dasm`);
        });
      }
    }
  }
});
