/** The IL being compiled is malformed or unverifiable in a way the JIT cannot compile (→ CORJIT_BADCODE). */
export class ILFormatError extends Error {
  override name = 'ILFormatError';
}

/**
 * The IL is valid but uses something this JIT does not implement
 * (→ CORJIT_IMPLLIMITATION). `reason` is a short stable name that failure
 * summaries group by, e.g. `arglist`, `vararg call`.
 */
export class JitLimitation extends Error {
  override name = 'JitLimitation';
  constructor(readonly reason: string, detail?: string) {
    super(detail === undefined ? reason : `${reason}: ${detail}`);
  }
}
