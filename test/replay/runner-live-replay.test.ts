/**
 * The acceptance property of the whole harness, in process: for every
 * fixture method, with both JITs and in both modes, compiling live (no
 * recorder in the way) and replaying the method's recording — written to a
 * .mch and read back — give identical results: code, relocations, EH
 * clauses, GC info, debug info and unwind info.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseJit, diffJit, jitFlagsForMode } from '../../src/jit/index.js';
import type { CompileResult } from '../../src/jitee/index.js';
import { MchReader } from '../../src/mc/mch-reader.js';
import { withMchWriter } from '../../src/mc/mch-writer.js';
import { MethodContext } from '../../src/mc/method-context.js';
import { recordMethod } from '../../src/replay/collect/record-method.js';
import { compileFromContext, compileResultDifferences } from '../../src/replay/runner/index.js';
import { Runtime } from '../../src/vm/index.js';
import { fixturePrograms } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tspmi-live-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jits = [baseJit, diffJit];

describe('live compile vs replay of its recording', () => {
  for (const mode of ['jit', 'r2r'] as const) {
    it(`are identical for every fixture method, base and diff (${mode} mode)`, () => {
      const rt = Runtime.load({ assemblies: fixturePrograms });
      const flags = jitFlagsForMode(mode);
      const live = new Map<number, Map<string, CompileResult>>();
      const file = join(dir, `${mode}.mch`);
      withMchWriter(file, { interfaceVersions: ['base', 'diff'], mode }, (writer) => {
        for (const method of rt.enumerateMethods()) {
          if (!method.ok) continue;
          const recorded = recordMethod(rt, method, jits, mode, flags);
          expect(recorded.problems, method.name).toEqual([]);
          if (recorded.context === undefined) continue;
          const index = writer.append(recorded.context.toData(), { methodHash: recorded.context.methodHash(), methodName: method.name });
          const results = new Map<string, CompileResult>();
          for (const jit of jits) {
            const ji = rt.createJitInterface({ version: jit.interfaceVersion, mode, method: method.method });
            results.set(jit.name, jit.compileMethod(ji, ji.methodInfo()!, flags, {}));
          }
          live.set(index, results);
        }
      });

      const reader = MchReader.open(file);
      let compared = 0;
      try {
        for (const entry of reader.contexts()) {
          expect(entry.kind).toBe('context');
          if (entry.kind !== 'context') continue;
          const mc = MethodContext.fromData(entry.context);
          for (const jit of jits) {
            const expected = live.get(entry.index)!.get(jit.name)!;
            const replayed = compileFromContext(mc, jit);
            expect(compileResultDifferences(expected, replayed), `#${entry.index} ${entry.meta.methodName} with ${jit.name}`).toEqual([]);
            compared++;
          }
        }
      } finally {
        reader.close();
      }
      expect(compared).toBe(live.size * jits.length);
      expect(live.size).toBeGreaterThan(1000);
    });
  }
});
