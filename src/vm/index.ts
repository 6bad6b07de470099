/**
 * The live execution engine: loads assemblies and answers every JitInterface
 * query over them, in `jit` (final addresses) or `r2r` (import cells and
 * fixups) mode. See README.md.
 */

export { Runtime } from './runtime.js';
export type { LoadOptions, MissingReference } from './assembly-closure.js';
export { LiveJitInterface, type JitInterfaceOptions } from './jit-interface-impl.js';
export type { CompileMode, InliningDecision } from './compile-context.js';
export type { R2RFixup, DependencyNode, DependencyKind } from './r2r-imports.js';
export {
  enumerateMethods,
  methodNameMatcher,
  type EnumerateOptions,
  type EnumeratedMethod,
  type EnumeratedMethodOk,
  type EnumeratedMethodFailed,
} from './method-enumeration.js';
export type { MethodDesc, FieldDesc, MethodSignature } from './member-desc.js';
export type { TypeDesc, DefType } from './type-desc.js';
export type { ModuleDesc, TypeDefinition, MethodDefinition, FieldDefinition } from './definitions.js';
export { instanceLayout, heapSize, type InstanceLayout } from './field-layout.js';
export { staticLayout, type StaticLayout } from './static-layout.js';
export { CODE_REGION_BASE, CODE_REGION_SIZE, CODE_AREAS, HANDLE_RANGES, IMPORT_CELL_FAMILIES } from './address-map.js';
export { WELL_KNOWN_TYPES, type WellKnownType } from './well-known-types.js';
