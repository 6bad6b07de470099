/** The inliner (README.md): an IR pass for createModelJit's pass list. */

export { inlinePass } from './inline-pass.js';
export { ALWAYS_INLINE_IL_SIZE, MAX_INLINES_PER_METHOD, type InlineRefusal } from './policy.js';
