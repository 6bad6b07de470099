/**
 * CORINFO_ARG_LIST_HANDLE: a position in a signature's argument (or local)
 * list. A list is registered once per identity (e.g. "args:<method key>")
 * and gets a base handle from its own 64 KiB-aligned range; argument i is
 * base + 8 * i, so getArgNext is an addition and the handle maps back to the
 * list and the index.
 */

import { type CORINFO_ARG_LIST_HANDLE, EEError, formatHandle } from '../jitee/index.js';
import { ARG_LIST_SIG_ALIGN_SHIFT, ARG_LIST_STRIDE, type AddressMap } from './address-map.js';
import type { TypeDesc } from './type-desc.js';

export interface ArgList {
  readonly identity: string;
  readonly types: readonly TypeDesc[];
  /** Pinned locals (local signatures only). */
  readonly pinned: readonly boolean[];
}

const MAX_ARGS = Number((1n << BigInt(ARG_LIST_SIG_ALIGN_SHIFT)) / ARG_LIST_STRIDE);
const SIG_MASK = (1n << BigInt(ARG_LIST_SIG_ALIGN_SHIFT)) - 1n;

export class ArgLists {
  private readonly byIdentity = new Map<string, bigint>();

  constructor(private readonly addresses: AddressMap) {}

  /** The handle of the first element of the list `identity` (registering it on first use). */
  first(identity: string, types: readonly TypeDesc[], pinned: readonly boolean[] = []): CORINFO_ARG_LIST_HANDLE {
    let base = this.byIdentity.get(identity);
    if (base === undefined) {
      if (types.length > MAX_ARGS) throw new EEError('NotSupported', `a signature with ${types.length} entries exceeds ${MAX_ARGS}`);
      base = this.addresses.argListSignatures.assign(identity, { identity, types, pinned } satisfies ArgList);
      this.byIdentity.set(identity, base);
    }
    return base as CORINFO_ARG_LIST_HANDLE;
  }

  /** The list and position an argument handle points at. */
  lookup(handle: CORINFO_ARG_LIST_HANDLE): { list: ArgList; index: number } {
    const base = handle & ~SIG_MASK;
    const list = this.addresses.argListSignatures.lookup(base) as ArgList | undefined;
    const index = Number((handle & SIG_MASK) / ARG_LIST_STRIDE);
    if (!list || (handle & SIG_MASK) % ARG_LIST_STRIDE !== 0n || index >= list.types.length) {
      throw new RangeError(`${formatHandle(handle)} is not an argument list position this EE handed out`);
    }
    return { list, index };
  }
}
