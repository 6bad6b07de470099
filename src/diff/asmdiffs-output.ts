/**
 * The output folder of asmdiffs:
 *
 *     DIR/base/N.dasm   DIR/diff/N.dasm   (each differing context N)
 *     DIR/summary.md    DIR/summary.json  DIR/report.html
 *
 * The folder is checked before any work starts (an unwritable folder is bad
 * input, not something to find out after an hour of replay). Listings left
 * by an earlier run in base/ and diff/ are removed, so the folders hold
 * exactly this run's diffs; nothing else in DIR is touched.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, describeError } from '../util/errors.js';
import type { AsmDiffsReport } from './asmdiffs-result.js';
import { formatReportHtml } from './report-html.js';
import { formatSummaryMarkdown } from './summary-md.js';
import { summaryJson } from './summary-json.js';

export const SUMMARY_MD = 'summary.md';
export const SUMMARY_JSON = 'summary.json';
export const REPORT_HTML = 'report.html';

export function dasmPath(dir: string, side: 'base' | 'diff', context: number): string {
  return join(dir, side, `${context}.dasm`);
}

function removeOldListings(folder: string): void {
  for (const name of readdirSync(folder)) if (name.endsWith('.dasm')) rmSync(join(folder, name), { force: true });
}

/** Creates DIR, DIR/base and DIR/diff and proves DIR writable; InputError otherwise. */
export function prepareOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const side of ['base', 'diff']) {
      mkdirSync(join(dir, side), { recursive: true });
      removeOldListings(join(dir, side));
    }
    const probe = join(dir, `.tspmi-write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new InputError(`cannot write to output folder ${dir}: ${describeError(err)}`);
  }
}

export function writeDasmPair(dir: string, context: number, dasm: { base: string; diff: string }): void {
  writeFileSync(dasmPath(dir, 'base', context), dasm.base);
  writeFileSync(dasmPath(dir, 'diff', context), dasm.diff);
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export interface WrittenReports {
  readonly summaryMd: string;
  readonly summaryJson: string;
  readonly reportHtml: string;
}

export function writeReports(dir: string, report: AsmDiffsReport): WrittenReports {
  const paths = { summaryMd: join(dir, SUMMARY_MD), summaryJson: join(dir, SUMMARY_JSON), reportHtml: join(dir, REPORT_HTML) };
  writeFileSync(paths.summaryMd, formatSummaryMarkdown(report));
  writeFileSync(paths.summaryJson, `${JSON.stringify(summaryJson(report), null, 2)}\n`);
  const listings = (context: number): { base?: string; diff?: string } => ({
    base: readIfPresent(dasmPath(dir, 'base', context)),
    diff: readIfPresent(dasmPath(dir, 'diff', context)),
  });
  writeFileSync(paths.reportHtml, formatReportHtml(report, listings));
  return paths;
}
