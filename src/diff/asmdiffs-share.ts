/**
 * The loop one asmdiffs worker (or the main thread, with -p 1) runs: open
 * the file, walk its share of the selected contexts, diff each, write the
 * listings of each diff, and hand the outcomes on in context order.
 */

import type { JitOptions } from '../jitee/jit-module.js';
import type { CollectionMode } from '../mc/mch-format.js';
import { withMchReader } from '../mc/mch-reader.js';
import { selectedEntries, type SelectionSpec, type WorkerShare } from '../replay/runner/selection.js';
import { writeDasmPair } from './asmdiffs-output.js';
import { diffContext, type ContextDiffOutcome, type DiffJits } from './diff-context.js';

/** Plain data, so it can be sent to a worker. */
export interface AsmDiffsShareJob {
  readonly file: string;
  readonly selection: SelectionSpec;
  readonly share: WorkerShare;
  readonly mode: CollectionMode;
  readonly outputDir: string;
  readonly baseOptions: JitOptions;
  readonly diffOptions: JitOptions;
}

export function diffShare(job: AsmDiffsShareJob, jits: Pick<DiffJits, 'base' | 'diff'>, emit: (outcome: ContextDiffOutcome) => void): void {
  const all: DiffJits = { ...jits, baseOptions: job.baseOptions, diffOptions: job.diffOptions };
  const options = { mode: job.mode, file: job.file };
  withMchReader(job.file, (reader) => {
    for (const entry of selectedEntries(reader, job.selection, job.share)) {
      const { outcome, dasm } = diffContext(entry, all, options);
      if (dasm !== undefined) writeDasmPair(job.outputDir, outcome.index, dasm);
      emit(outcome);
    }
  });
}
