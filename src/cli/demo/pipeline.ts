import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { codeSizeSummary, runAsmDiffs, type AsmDiffsReport } from '../../diff/index.js';
import { loadJit } from '../../jit/registry.js';
import type { CollectionMode } from '../../mc/mch-format.js';
import { recordCollection, type RecordSummary } from '../../replay/collect/index.js';

/** One asmdiffs run of the demo: a mode, and whether inlining was allowed. */
export interface DemoDiffRun {
  readonly mode: CollectionMode;
  readonly inlining: boolean;
  readonly outputDir: string;
  readonly report: AsmDiffsReport;
}

export interface DemoPipelineResult {
  readonly recordings: RecordSummary[];
  readonly runs: DemoDiffRun[];
}

const NO_INLINE = { JitNoInline: '1' };

/**
 * Records the sample with both JITs into one collection per mode, then diffs
 * base against diff on it, with inlining off (where the two schemes must
 * agree) and on (where base may inline a context operation that diff calls).
 */
export async function runDemoPipeline(sample: string, outDir: string): Promise<DemoPipelineResult> {
  const jits = [await loadJit('base'), await loadJit('diff')];
  const recordings: RecordSummary[] = [];
  const runs: DemoDiffRun[] = [];
  mkdirSync(outDir, { recursive: true });
  for (const mode of ['jit', 'r2r'] as const) {
    for (const inlining of [false, true]) {
      // A collection answers the questions its recording JITs asked: a JIT that
      // inlines asks other questions than one that does not, so each setting gets
      // its own recording, made with the options it is replayed with.
      const name = `${mode}${inlining ? '' : '-noinline'}`;
      const options = inlining ? {} : NO_INLINE;
      const collection = join(outDir, `async-${name}.mch`);
      recordings.push(recordCollection({ assemblies: [sample], jits, mode, output: collection, jitOptions: options }));
      const outputDir = join(outDir, name);
      const { report } = await runAsmDiffs({
        file: collection,
        baseJit: 'base',
        diffJit: 'diff',
        baseOptions: options,
        diffOptions: options,
        outputDir,
      });
      runs.push({ mode, inlining, outputDir, report });
    }
  }
  return { recordings, runs };
}

/** The figures of one run that the demo prints and returns as JSON. */
export function demoRunFigures(run: DemoDiffRun) {
  const t = run.report.totals;
  const sizes = codeSizeSummary(run.report.rows);
  const classes: Record<string, number> = {};
  for (const row of run.report.rows) for (const c of row.classes) classes[c] = (classes[c] ?? 0) + 1;
  return {
    mode: run.mode,
    inlining: run.inlining,
    contexts: t.contexts,
    diffs: t.diffs,
    failed: t.failed,
    missing: t.missing,
    baseBytes: t.baseBytes,
    diffBytes: t.diffBytes,
    changedBaseBytes: sizes.baseBytes,
    changedDiffBytes: sizes.diffBytes,
    classes,
    outputDir: run.outputDir,
  };
}
