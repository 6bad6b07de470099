/**
 * Asm diffs: the near differ, explanations, .dasm listings, the jit-analyze
 * style summaries, the HTML report and the asmdiffs run. See README.md.
 */

export { nearDiff, nearDiffPlaced, codeBytes, type NearDiffOptions, type PlacedPair } from './near-differ.js';
export {
  DIFFERENCE_CLASSES, type Difference, type DifferenceClass, type NearDiffResult, type RelocationTargetChange,
} from './difference.js';
export { placeAt, placeBoth, commonAddresses, maskRelocationFields, type PlacedResult, type PlacedRelocation, type BlockAddresses } from './placement.js';
export { describeTarget, formatTarget, type TargetDescription } from './relocation-target.js';
export { explain, type Explanation, type ExplanationKind, type ExplainInput } from './explain.js';
export { asyncMethodHandles, type AsyncMethodHandles } from './async-operations.js';
export { formatDasm, methodHash32, type DasmInput } from './dasm.js';
export { codeSizeSummary, totalsLines, detailLines, methodLine, type CodeSizeSummary } from './code-size-summary.js';
export { formatSummaryMarkdown } from './summary-md.js';
export { summaryJson, summaryTotalsJson } from './summary-json.js';
export { formatReportHtml, type ListingSource } from './report-html.js';
export { diffContext, type ContextDiff, type ContextDiffOutcome, type ContextDiffKind, type DiffJits } from './diff-context.js';
export { runAsmDiffs, asmDiffsExitCode, type AsmDiffsOptions, type AsmDiffsRun } from './asmdiffs.js';
export type { AsmDiffsReport, AsmDiffsTotals, MethodDiffRow, JitDescription } from './asmdiffs-result.js';
