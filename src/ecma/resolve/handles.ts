import type { Assembly } from '../assembly.js';

/** A TypeDef row of a loaded assembly: the identity of a type definition. */
export interface TypeHandle {
  readonly assembly: Assembly;
  readonly rid: number;
}

/** A MethodDef row of a loaded assembly. */
export interface MethodHandle {
  readonly assembly: Assembly;
  readonly rid: number;
}

/** A Field row of a loaded assembly. */
export interface FieldHandle {
  readonly assembly: Assembly;
  readonly rid: number;
}

/** What a MemberRef refers to. */
export type ResolvedMember =
  | { readonly kind: 'method'; readonly method: MethodHandle }
  | { readonly kind: 'field'; readonly field: FieldHandle }
  /**
   * A method of an array type (Get, Set, Address, .ctor): the runtime provides
   * these, no MethodDef exists. The MemberRef's parent TypeSpec gives the array.
   */
  | { readonly kind: 'arrayMethod'; readonly assembly: Assembly; readonly memberRefRid: number };

export function sameHandle(a: { assembly: Assembly; rid: number }, b: { assembly: Assembly; rid: number }): boolean {
  return a.assembly === b.assembly && a.rid === b.rid;
}
