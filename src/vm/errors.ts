/**
 * Turning reader failures into EEErrors. The JIT-EE interface only lets
 * EEError through as "this method cannot be compiled"; anything else would
 * abort the whole run, so every query that touches metadata runs under
 * `eeGuard`, which names what was being done when the reader failed.
 */

import { basename } from 'node:path';
import { EcmaFormatError, ResolutionError } from '../ecma/index.js';
import { EEError, type EEErrorKind } from '../jitee/index.js';

function kindOfResolutionFailure(problem: string): EEErrorKind {
  if (/assembly \S+ not found|module \S+ not found/.test(problem)) return 'MissingAssembly';
  if (/has no method|is a field, not a method|not a method/.test(problem)) return 'MissingMethod';
  if (/has no field|is a method, not a field|not a field/.test(problem)) return 'MissingField';
  return 'TypeLoad';
}

/** `err` as an EEError, with `what` (e.g. "loading type X") in front of the reader's message. */
export function toEEError(err: unknown, what: string): EEError {
  if (err instanceof EEError) return err;
  if (err instanceof ResolutionError) return new EEError(kindOfResolutionFailure(err.problem), `${what}: ${err.problem} (in ${basename(err.file)})`);
  if (err instanceof EcmaFormatError) return new EEError('BadImageFormat', `${what}: ${err.problem} (in ${basename(err.file)})`);
  if (err instanceof RangeError) return new EEError('BadImageFormat', `${what}: ${err.message}`);
  throw err;
}

/** Runs `fn`, turning reader errors into EEErrors that say what was being done. */
export function eeGuard<T>(what: string | (() => string), fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toEEError(err, typeof what === 'string' ? what : what());
  }
}
