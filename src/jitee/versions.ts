/**
 * The registry of JIT-EE interface versions: for each id, what differs
 * between them. An EE serves one version at a time; a JIT module declares
 * the version it needs; a collection header lists the versions recorded.
 */

import { HELPER_TABLES, type HelperTable } from './helpers.js';
import { R2R_HELPER_TABLES, type R2RHelperTable, r2rHelperForHelpFunc } from './r2r-helpers.js';
import { INTERFACE_VERSION_IDS, type InterfaceVersionId, isInterfaceVersionId } from './version-id.js';

export { INTERFACE_VERSION_IDS, isInterfaceVersionId, type InterfaceVersionId };

export interface InterfaceVersion {
  readonly id: InterfaceVersionId;
  /** Stable identifier written into collection headers. */
  readonly identifier: string;
  readonly description: string;
  /** CorInfoHelpFunc of this version. */
  readonly helpers: HelperTable;
  /** True when getAsyncInfo carries the six async context method handles (base layout). */
  readonly asyncInfoHasMethodHandles: boolean;
  /** ReadyToRun helper ids of this version. */
  readonly r2rHelpers: R2RHelperTable;
}

export const INTERFACE_VERSIONS: Readonly<Record<InterfaceVersionId, InterfaceVersion>> = Object.freeze({
  base: Object.freeze({
    id: 'base',
    identifier: 'tspmi-jitee/base/1',
    description: 'main: async context calls through getAsyncInfo method handles',
    helpers: HELPER_TABLES.base,
    asyncInfoHasMethodHandles: true,
    r2rHelpers: R2R_HELPER_TABLES.base,
  }),
  diff: Object.freeze({
    id: 'diff',
    identifier: 'tspmi-jitee/diff/1',
    description: 'proposed: async context calls through CORINFO_HELP_ASYNC_* helpers',
    helpers: HELPER_TABLES.diff,
    asyncInfoHasMethodHandles: false,
    r2rHelpers: R2R_HELPER_TABLES.diff,
  }),
});

/** The descriptor of `id`; throws a RangeError for an unknown id. */
export function getInterfaceVersion(id: string): InterfaceVersion {
  if (!isInterfaceVersionId(id)) {
    throw new RangeError(`unknown JIT-EE interface version '${id}' (known: ${INTERFACE_VERSION_IDS.join(', ')})`);
  }
  return INTERFACE_VERSIONS[id];
}

/** The version whose identifier is `identifier` (as read from a collection header). */
export function interfaceVersionByIdentifier(identifier: string): InterfaceVersion | undefined {
  return INTERFACE_VERSION_IDS.map((id) => INTERFACE_VERSIONS[id]).find((v) => v.identifier === identifier);
}

/** The ReadyToRun helper id implementing JIT helper `helper` in `version`, if any. */
export function r2rHelperFor(version: InterfaceVersionId, helper: number): number | undefined {
  return r2rHelperForHelpFunc(INTERFACE_VERSIONS[version].r2rHelpers, helper);
}
