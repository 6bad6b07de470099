/**
 * The agnostic layer: the one table describing how every JIT-EE call is
 * keyed, stored and printed, and the schema DSL it is written in.
 */

export * from './schema.js';
export * from './dsl.js';
export * from './entry.js';
export * from './struct-schemas.js';
export * from './table.js';
export * from './answers.js';
export * from './serve.js';
export * from './implement.js';
export * from './context-root.js';
export * from './msgpack.js';
export { allocMemFallback } from './alloc-mem-fallback.js';
export { plainDataEqual } from './plain-equal.js';
export { type MaybeField, type StructValue, type UnionCase } from './composite-schemas.js';
