import { CorJitResult, type CompileFailure } from '../jitee/index.js';

const RESULT_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(CorJitResult).map(([name, value]) => [value, name.replace(/^CORJIT_/, '')]),
);

/**
 * A short, stable name for why a compile failed, for grouping failures:
 * `IMPLLIMITATION: vararg call`, `BADCODE: stack underflow`,
 * `EE TypeLoad`. Offsets, names and numbers in the message are left out so
 * equal causes group together.
 */
export function failureReason(failure: CompileFailure): string {
  if (failure.eeError !== undefined) return `EE ${failure.eeError.kind}`;
  const result = RESULT_NAMES.get(failure.result) ?? `0x${failure.result.toString(16)}`;
  let message = failure.message.replace(/^IL_[0-9A-F]{4}: /, '');
  // JitLimitation messages are "reason: detail"; BADCODE messages keep their first clause.
  const colon = message.indexOf(': ');
  if (colon >= 0) message = message.slice(0, colon);
  message = message.replace(/IL_[0-9A-F]{4}/g, 'IL_xxxx').replace(/\b\d+\b/g, 'N');
  return `${result}: ${message}`;
}
