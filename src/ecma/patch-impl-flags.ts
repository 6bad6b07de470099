import { writeU16 } from './bytes.js';
import { Assembly } from './assembly.js';
import { MethodImplAttributes } from './flags.js';
import { TableId as T } from './tables/table-ids.js';
import { makeToken, tokenRid, tokenTable } from './tables/tokens.js';

/**
 * Marker attributes that stand for MethodImpl flags. The C# compiler used for
 * the test corlib cannot emit these flags itself, so sources mark methods with
 * an attribute and this patch ORs the flag into MethodDef.ImplFlags.
 */
export interface ImplFlagRule {
  namespace: string;
  name: string;
  flag: number;
}

export const IMPL_FLAG_RULES: readonly ImplFlagRule[] = [
  { namespace: 'System.Runtime.CompilerServices', name: 'RuntimeAsyncMethodAttribute', flag: MethodImplAttributes.Async },
  { namespace: 'System.Runtime.CompilerServices', name: 'InlineAggressivelyAttribute', flag: MethodImplAttributes.AggressiveInlining },
];

export interface PatchedMethod {
  token: number;
  /** `Namespace.Type::Method` */
  name: string;
  before: number;
  after: number;
  /** File offset of the 2-byte ImplFlags column that was rewritten. */
  offset: number;
}

export interface ImplFlagPatchResult {
  /** A patched copy of the input (the input is not modified). */
  bytes: Uint8Array;
  /** Methods whose ImplFlags changed; empty when the file was already patched. */
  patched: PatchedMethod[];
}

/** Applies the marker-attribute rules to every MethodDef of an assembly image. */
export function patchImplFlags(input: Uint8Array, displayPath: string, rules: readonly ImplFlagRule[] = IMPL_FLAG_RULES): ImplFlagPatchResult {
  const bytes = new Uint8Array(input);
  const asm = Assembly.fromBytes(bytes, displayPath);
  const wanted = new Map<number, number>();
  for (let ca = 1; ca <= asm.rowCount(T.CustomAttribute); ca++) {
    const parent = asm.customAttribute(ca).parent;
    if (tokenTable(parent) !== T.MethodDef || tokenRid(parent) === 0) continue;
    const { namespace, name } = asm.attributeTypeName(ca);
    for (const rule of rules) {
      if (rule.namespace === namespace && rule.name === name) {
        wanted.set(tokenRid(parent), (wanted.get(tokenRid(parent)) ?? 0) | rule.flag);
      }
    }
  }

  const column = asm.columnLayout('MethodDef', 'ImplFlags');
  const patched: PatchedMethod[] = [];
  for (const [rid, flags] of [...wanted].sort((a, b) => a[0] - b[0])) {
    const method = asm.methodDef(rid);
    const after = method.implFlags | flags;
    if (after === method.implFlags) continue;
    const offset = asm.rowOffset(T.MethodDef, rid) + column.offset;
    writeU16(bytes, offset, after);
    const owner = asm.declaringTypeOfMethod(rid);
    patched.push({
      token: makeToken(T.MethodDef, rid),
      name: `${owner ? asm.typeDefFullName(owner) : '<unowned>'}::${method.name}`,
      before: method.implFlags,
      after,
      offset,
    });
  }
  return { bytes, patched };
}
