/** What the `mcs` verbs share: their arguments, their shape, small checks. */

import { parseContextRanges, contextSelector } from '../../../mc/context-ranges.js';
import { InputError } from '../../../util/errors.js';
import type { ExitCode } from '../../exit-codes.js';

export interface McsArgs {
  verb: string;
  files: string[];
  output: string | undefined;
  contexts: string | undefined;
  by: 'hash' | 'content';
  json: boolean;
}

export interface McsVerb {
  readonly name: string;
  /** e.g. `merge -o OUT.mch IN.mch...` */
  readonly usage: string;
  readonly describe: string;
  run(args: McsArgs): ExitCode | Promise<ExitCode>;
}

export function singleInput(args: McsArgs): string {
  if (args.files.length !== 1) throw new InputError(`mcs ${args.verb}: expected one .mch, got ${args.files.length}`);
  return args.files[0]!;
}

export function requiredOutput(args: McsArgs): string {
  if (args.output === undefined) throw new InputError(`mcs ${args.verb}: name the output with -o FILE.mch`);
  return args.output;
}

/** The -c selection as a predicate (everything when absent). */
export function selectedContexts(args: McsArgs): ((index: number) => boolean) | undefined {
  return args.contexts === undefined ? undefined : contextSelector({ ranges: parseContextRanges(args.contexts) });
}

/** A damaged record as the verbs report it (the container's kinds, or 'not a method context'). */
export interface DamagedRecord {
  readonly index: number;
  readonly offset: number;
  readonly size: number;
  readonly error: string;
  readonly detail: string;
  readonly file?: string;
}

export function describeCorrupt(entry: DamagedRecord): string {
  return `#${entry.index}: damaged record at offset ${entry.offset} (${entry.size} bytes): ${entry.error}: ${entry.detail}`;
}

export function corruptJson(entry: DamagedRecord): object {
  return { ...(entry.file === undefined ? {} : { file: entry.file }), index: entry.index, offset: entry.offset, size: entry.size, error: entry.error, detail: entry.detail };
}
