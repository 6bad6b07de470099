/**
 * What a relocation points at, in words: a name (the JIT's annotation, the
 * helper, or the handle) and how the code reaches it (directly, or through
 * an import cell of some ReadyToRun fixup kind).
 *
 * Relocations do not carry the fixup kind of the cell they point at: the EE
 * knows it, the JIT only sees an address. In a ReadyToRun collection an
 * indirect call's cell is inferred from what the JIT says the target is: a
 * method's cell is a MethodEntry fixup, a helper's cell a Helper fixup (or a
 * delay-load cell for the READYTORUN_* helpers, which crossgen2 binds
 * through their own fixups).
 */

import type { CollectionMode } from '../mc/mch-format.js';
import type { Relocation } from '../jitee/compile-result.js';
import { formatHelper } from '../jitee/helpers.js';

export interface TargetDescription {
  /** The target address, 0x-hex. */
  readonly address: string;
  readonly kind: Relocation['targetKind'];
  /** e.g. `CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS`, `System.Object:.ctor():this`. */
  readonly name: string;
  /** The ReadyToRun fixup kind of the import cell, e.g. `MethodEntry`, `Helper` (r2r collections only). */
  readonly fixup?: string;
  /** e.g. `MethodEntry import cell`, `helper`, `method entry`, `method indirection cell`. */
  readonly binding: string;
}

export function hexAddress(value: bigint): string {
  return `0x${value.toString(16).toUpperCase()}`;
}

export function relocationTargetName(r: Relocation): string {
  if (r.annotation !== undefined && r.annotation !== '') return r.annotation;
  if (r.helper !== undefined) return formatHelper(r.helper);
  if (r.targetHandle !== undefined) return `${r.targetKind} ${hexAddress(r.targetHandle)}`;
  return hexAddress(r.target);
}

function r2rFixup(r: Relocation, name: string): string | undefined {
  switch (r.targetKind) {
    case 'method':
      return 'MethodEntry';
    case 'helper':
      return name.startsWith('CORINFO_HELP_READYTORUN_') ? 'DelayLoadHelper' : 'Helper';
    case 'class':
      return 'TypeHandle';
    case 'string':
      return 'StringHandle';
    case 'field':
      return 'FieldAddress';
    case 'static':
      return 'StaticBase';
    default:
      return undefined;
  }
}

const DIRECT_BINDINGS: Readonly<Record<Relocation['targetKind'], string>> = {
  helper: 'helper',
  method: 'method entry',
  class: 'class handle',
  field: 'field address',
  string: 'string literal',
  static: 'static data',
  rodata: 'read-only data',
  code: 'own code',
  other: 'address',
};

export function describeTarget(r: Relocation, target: bigint, mode: CollectionMode | undefined): TargetDescription {
  const name = relocationTargetName(r);
  const base = { address: hexAddress(target), kind: r.targetKind, name };
  if (r.indirect === true) {
    if (mode === 'r2r') {
      const fixup = r2rFixup(r, name);
      return fixup === undefined ? { ...base, binding: 'import cell' } : { ...base, fixup, binding: `${fixup} import cell` };
    }
    return { ...base, binding: `${r.targetKind} indirection cell` };
  }
  return { ...base, binding: DIRECT_BINDINGS[r.targetKind] };
}

/** `name (binding)`, e.g. `AsyncHelpers:CaptureContexts (MethodEntry import cell)`. */
export function formatTarget(t: TargetDescription): string {
  return `${t.name} (${t.binding})`;
}
