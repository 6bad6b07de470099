/**
 * Deterministic placement of handles and addresses.
 *
 * Two kinds of space:
 * - HandleSpace: a large range (2^36 slots) where a handle is the FNV-1a hash
 *   of its identity string reduced to a slot. Collisions are resolved by
 *   linear probing; at these sizes they practically never happen, so a
 *   handle is a pure function of its identity.
 * - SlotArea: a part of the 1 GiB code region. Its first part is
 *   "structured": definitions (a MethodDef, a TypeDef, a #US offset) get the
 *   slot of their global definition index, which cannot collide. The rest is
 *   hashed like a HandleSpace, for instantiations and synthetic things. A
 *   collision there is resolved by probing, which is the only case where the
 *   order of queries could matter.
 */

import { fnv1a64 } from './identity-hash.js';

export class HandleSpace<T> {
  private readonly byHandle = new Map<bigint, T>();
  private readonly byIdentity = new Map<string, bigint>();
  private readonly slotCount: bigint;

  constructor(
    readonly name: string,
    readonly base: bigint,
    rangeBits: number,
    private readonly alignShift: number,
  ) {
    this.slotCount = 1n << BigInt(rangeBits - alignShift);
  }

  /** The handle of `identity`, assigning it to `object` on first use. */
  assign(identity: string, object: T): bigint {
    const known = this.byIdentity.get(identity);
    if (known !== undefined) return known;
    let slot = fnv1a64(identity) % this.slotCount;
    let handle = this.base + (slot << BigInt(this.alignShift));
    while (this.byHandle.has(handle)) {
      slot = (slot + 1n) % this.slotCount;
      handle = this.base + (slot << BigInt(this.alignShift));
    }
    this.byHandle.set(handle, object);
    this.byIdentity.set(identity, handle);
    return handle;
  }

  lookup(handle: bigint): T | undefined {
    return this.byHandle.get(handle);
  }

  get size(): number {
    return this.byHandle.size;
  }
}

export class SlotArea {
  readonly base: bigint;
  readonly end: bigint;
  readonly slotCount: number;
  /** Slots [0, structuredCount) are addressed by definition index. */
  readonly structuredCount: number;
  private readonly hashedOwner = new Map<number, string>();
  private readonly hashedByIdentity = new Map<string, bigint>();

  constructor(
    readonly name: string,
    base: bigint,
    sizeBytes: number,
    readonly slotSize: number,
    structuredFraction: number,
  ) {
    this.base = base;
    this.end = base + BigInt(sizeBytes);
    this.slotCount = Math.floor(sizeBytes / slotSize);
    this.structuredCount = Math.floor(this.slotCount * structuredFraction);
  }

  /**
   * The address of `identity`: the structured slot `index` when given and
   * `slots` consecutive slots fit there, else a hashed place.
   */
  place(identity: string, index: number | undefined, slots = 1): bigint {
    if (index !== undefined && index >= 0 && index + slots <= this.structuredCount) {
      return this.base + BigInt(index) * BigInt(this.slotSize);
    }
    return this.hashed(identity, slots);
  }

  /** A hashed place for `slots` consecutive slots, probing forward past occupied ones. */
  hashed(identity: string, slots = 1): bigint {
    const known = this.hashedByIdentity.get(identity);
    if (known !== undefined) return known;
    const hashedCount = this.slotCount - this.structuredCount;
    const positions = hashedCount - slots + 1;
    if (positions <= 0) throw new RangeError(`${this.name}: a block of ${slots} slots does not fit the hashed area`);
    let start = Number(fnv1a64(identity) % BigInt(positions));
    for (let probes = 0; ; probes++) {
      if (probes >= positions) throw new RangeError(`${this.name}: hashed area is full`);
      let free = true;
      for (let i = 0; i < slots; i++) {
        if (this.hashedOwner.has(start + i)) {
          free = false;
          break;
        }
      }
      if (free) break;
      start = (start + 1) % positions;
    }
    for (let i = 0; i < slots; i++) this.hashedOwner.set(start + i, identity);
    const address = this.base + BigInt(this.structuredCount + start) * BigInt(this.slotSize);
    this.hashedByIdentity.set(identity, address);
    return address;
  }

  contains(address: bigint): boolean {
    return address >= this.base && address < this.end;
  }
}
