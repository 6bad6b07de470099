/**
 * Where outcomes go, in context order: the totals, the failure limit, the
 * repro files and the caller's reporting.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionHeader } from '../../mc/mch-format.js';
import { writeSingleContextFile } from '../../mc/mch-writer.js';
import { InputError } from '../../util/errors.js';
import { addOutcome, emptyTotals, isFailure, type ContextOutcome, type ReplayTotals } from './outcome.js';

export interface OutcomeSinkOptions {
  readonly sourceFile: string;
  readonly header: CollectionHeader;
  readonly failureLimit?: number;
  readonly reproDir?: string;
  readonly onOutcome?: (outcome: ContextOutcome, totals: Readonly<ReplayTotals>) => void;
}

export class OutcomeSink {
  readonly totals: ReplayTotals = emptyTotals();
  reproFiles = 0;
  /** Set once the failure limit was reached: no further outcome is accepted. */
  stopped = false;

  constructor(private readonly options: OutcomeSinkOptions) {
    if (options.reproDir !== undefined) createDirectory(options.reproDir);
  }

  /** Takes the next outcome; false once the run should stop. */
  accept(outcome: ContextOutcome): boolean {
    if (this.stopped) return false;
    addOutcome(this.totals, outcome);
    if (outcome.repro !== undefined && this.options.reproDir !== undefined) this.writeRepro(outcome);
    this.options.onOutcome?.(outcome, this.totals);
    const limit = this.options.failureLimit;
    if (limit !== undefined && isFailure(outcome.kind) && this.totals.failed + this.totals.mismatched >= limit) {
      this.stopped = true;
      return false;
    }
    return true;
  }

  private writeRepro(outcome: ContextOutcome): void {
    const { header, sourceFile, reproDir } = this.options;
    const repro = outcome.repro!;
    writeSingleContextFile(
      join(reproDir!, `${outcome.index}.mch`),
      { interfaceVersions: header.interfaceVersions, mode: header.mode, createdBy: 'repro', createdFrom: [`${sourceFile}#${outcome.index}`] },
      repro.context,
      repro.meta,
    );
    this.reproFiles++;
  }
}

function createDirectory(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`--repro-dir ${path}: cannot create the directory (${code})`);
  }
}
