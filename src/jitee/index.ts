/**
 * The JIT-EE interface: handles, enums, structs, helper tables, interface
 * versions, the JitInterface the EEs implement and the JitModule contract
 * the JITs implement.
 */

export * from './handles.js';
export * from './enum-util.js';
export * from './enums.js';
export * from './flags.js';
export * from './jit-flags.js';
export * from './version-id.js';
export * from './numbered-table.js';
export * from './helpers.js';
export * from './r2r-helpers.js';
export * from './r2r-fixups.js';
export * from './structs.js';
export * from './async-info.js';
export {
  INTERFACE_VERSIONS,
  type InterfaceVersion,
  getInterfaceVersion,
  interfaceVersionByIdentifier,
  r2rHelperFor,
} from './versions.js';
export * from './errors.js';
export * from './registers.js';
export * from './debug-info.js';
export * from './gc-info.js';
export * from './unwind-info.js';
export * from './compile-result.js';
export * from './jit-interface.js';
export * from './result-collector.js';
export * from './jit-module.js';
export { PRIMITIVE_TYPE_NAMES } from './type-names.js';
