/**
 * A small asmdiffs report built from hand-made results: three differing
 * methods (a regression, an improvement, a same-size relocation change)
 * with their rows, explanations and listings.
 */

import type { AsmDiffsReport, MethodDiffRow } from '../../src/diff/asmdiffs-result.js';
import { formatDasm } from '../../src/diff/dasm.js';
import { explain } from '../../src/diff/explain.js';
import { nearDiffPlaced } from '../../src/diff/near-differ.js';
import { placeBoth } from '../../src/diff/placement.js';
import { methodHandle, type CompileSuccess } from '../../src/jitee/index.js';
import { call, directCall, makeResult, TARGETS } from './make-result.js';

export interface SampleRun {
  readonly report: AsmDiffsReport;
  readonly listings: ReadonlyMap<number, { base: string; diff: string }>;
}

interface SampleMethod {
  readonly context: number;
  readonly name: string;
  readonly base: CompileSuccess;
  readonly diff: CompileSuccess;
}

const captureInlinee = { method: methodHandle(TARGETS.captureMethod.target.handle), name: TARGETS.captureMethod.target.name, ilOffset: -1 };

export const SAMPLE_METHODS: readonly SampleMethod[] = [
  {
    context: 3,
    name: 'Fixtures.Async.Catalog:FetchAsync(int):ref:this',
    base: makeResult({ steps: [{ op: 'inline-capture' }, call('consoleWrite'), call('restoreMethod')], inlinees: [captureInlinee] }),
    diff: makeResult({ steps: [{ op: 'context-args' }, directCall('captureHelper'), call('consoleWrite'), call('restoreMethod')], inlinees: [] }),
  },
  {
    context: 7,
    name: 'Fixtures.Async.<Main>d__0:MoveNext():this',
    base: makeResult({ steps: [{ op: 'filler', value: 1 }, { op: 'filler', value: 2 }, call('consoleWrite')] }),
    diff: makeResult({ steps: [{ op: 'filler', value: 1 }, call('consoleWrite')] }),
  },
  {
    context: 9,
    name: 'Fixtures.Async.Catalog:Restore():this',
    base: makeResult({ steps: [call('captureMethod'), call('restoreMethod')] }),
    diff: makeResult({ steps: [call('captureHelper'), call('restoreHelper')] }),
  },
];

export function sampleRun(mode: 'jit' | 'r2r' = 'r2r'): SampleRun {
  const rows: MethodDiffRow[] = [];
  const listings = new Map<number, { base: string; diff: string }>();
  for (const m of SAMPLE_METHODS) {
    const placed = placeBoth(m.base, m.diff);
    const near = nearDiffPlaced(placed, { mode });
    rows.push({
      context: m.context,
      method: m.name,
      baseBytes: near.baseBytes,
      diffBytes: near.diffBytes,
      delta: near.deltaBytes,
      classes: near.classes,
      differences: near.differences.map((d) => `${d.class}: ${d.summary}`),
      explanations: explain({ placed, nearDiff: near, mode }),
    });
    const dasm = (side: 'base' | 'diff'): string =>
      formatDasm({ placed: placed[side], methodName: m.name, methodHash: 0x1234abcd, jitName: side, interfaceVersion: side, mode });
    listings.set(m.context, { base: dasm('base'), diff: dasm('diff') });
  }
  const baseBytes = rows.reduce((s, r) => s + r.baseBytes, 0) + 1000;
  const diffBytes = rows.reduce((s, r) => s + r.diffBytes, 0) + 1000;
  const report: AsmDiffsReport = {
    file: 'recordings/async-r2r.mch',
    mode,
    baseJit: { spec: 'base', name: 'base', interfaceVersion: 'base', options: {} },
    diffJit: { spec: 'diff', name: 'diff', interfaceVersion: 'diff', options: { JitNoInline: '1' } },
    outputDir: 'out',
    workers: 1,
    seconds: 1.25,
    totals: {
      contexts: 20,
      compiled: 17,
      diffs: rows.length,
      failed: 1,
      missing: 2,
      corrupt: 0,
      baseBytes,
      diffBytes,
      failedContexts: [5],
      missingContexts: [11, 12],
      corruptContexts: [],
      identicalRenamed: 1,
      identicalRenamedContexts: [4],
    },
    rows,
  };
  return { report, listings };
}
