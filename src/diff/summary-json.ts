/**
 * DIR/summary.json and the --json line. Fields: the DESIGN.md asmdiffs set
 * (`contexts, diffs, baseBytes, diffBytes, failed, missing, seconds`; bytes
 * over every context both JITs compiled), the jit-analyze totals over the
 * differing methods (`changed`), counts per difference class, and in the
 * file a row per differing method.
 */

import { classCounts, type AsmDiffsReport } from './asmdiffs-result.js';
import { codeSizeSummary } from './code-size-summary.js';

/** The run's numbers: the --json line of stdout. */
export function summaryTotalsJson(report: AsmDiffsReport): Record<string, unknown> {
  const t = report.totals;
  const size = codeSizeSummary(report.rows, 0);
  return {
    contexts: t.contexts,
    diffs: t.diffs,
    baseBytes: t.baseBytes,
    diffBytes: t.diffBytes,
    failed: t.failed,
    missing: t.missing,
    seconds: Math.round(report.seconds * 1000) / 1000,
    compiled: t.compiled,
    identical: t.compiled - t.diffs,
    corrupt: t.corrupt,
    identicalRenamed: t.identicalRenamed,
    deltaBytes: t.diffBytes - t.baseBytes,
    changed: {
      baseBytes: size.baseBytes,
      diffBytes: size.diffBytes,
      deltaBytes: size.deltaBytes,
      improved: size.improved,
      regressed: size.regressed,
      unchanged: size.unchanged,
    },
    classes: classCounts(report.rows),
    file: report.file,
    mode: report.mode,
    baseJit: report.baseJit,
    diffJit: report.diffJit,
    workers: report.workers,
    outputDir: report.outputDir,
    failedContexts: t.failedContexts,
    missingContexts: t.missingContexts,
    corruptContexts: t.corruptContexts,
    identicalRenamedContexts: t.identicalRenamedContexts,
  };
}

/** summary.json: the totals and every differing method. */
export function summaryJson(report: AsmDiffsReport): Record<string, unknown> {
  return {
    ...summaryTotalsJson(report),
    methods: report.rows.map((r) => ({
      context: r.context,
      method: r.method,
      baseBytes: r.baseBytes,
      diffBytes: r.diffBytes,
      delta: r.delta,
      classes: r.classes,
      differences: r.differences,
      explanations: r.explanations.map((e) => e.text),
      explanationDetails: r.explanations,
      baseDasm: `base/${r.context}.dasm`,
      diffDasm: `diff/${r.context}.dasm`,
    })),
  };
}
