/**
 * Ids of the JIT-EE interface versions this project models. An EE serves one
 * version at a time; a JIT module declares the version it was built against.
 *
 * - `base`: the interface as on main: CORINFO_ASYNC_INFO carries six method
 *   handles of the managed async context helpers.
 * - `diff`: the proposed change: those six fields are gone and six
 *   CORINFO_HELP_ASYNC_* JIT helpers are appended instead.
 */
export type InterfaceVersionId = 'base' | 'diff';

export const INTERFACE_VERSION_IDS: readonly InterfaceVersionId[] = ['base', 'diff'];

export function isInterfaceVersionId(value: unknown): value is InterfaceVersionId {
  return value === 'base' || value === 'diff';
}
