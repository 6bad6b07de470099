/**
 * Names for listings, in the style RyuJIT prints them:
 * - classes: `Namespace.Outer+Inner`, generic arguments in brackets with
 *   primitives by their JIT names: `System.Collections.Generic.List`1[int]`;
 * - methods: `Class:Method(argtypes):ret`, `:this` appended for instance
 *   methods, the return type left out for void, method type arguments in
 *   brackets after the name: `Program:Main():int`,
 *   `Fixtures.Generics.Box`1[System.__Canon]:get_Value():System.__Canon:this`.
 * Arguments print as the JIT types them (enums as their primitive, pointers
 * as `long`, byrefs as `byref`).
 */

import { CorInfoType, PRIMITIVE_TYPE_NAMES } from '../jitee/index.js';
import type { MethodDesc } from './member-desc.js';
import type { TypeDesc } from './type-desc.js';
import type { TypeSystem } from './type-system.js';

const JIT_PRIMITIVE_NAMES = PRIMITIVE_TYPE_NAMES;

/** Short names of primitive type arguments inside class names (`List`1[int]`). */
const ARGUMENT_PRIMITIVE_NAMES: Readonly<Partial<Record<CorInfoType, string>>> = {
  ...JIT_PRIMITIVE_NAMES,
  [CorInfoType.CORINFO_TYPE_CHAR]: 'ushort',
  [CorInfoType.CORINFO_TYPE_NATIVEINT]: 'nint',
  [CorInfoType.CORINFO_TYPE_NATIVEUINT]: 'nuint',
};

export class TypeNames {
  private readonly classNames = new Map<TypeDesc, string>();
  private readonly methodNames = new Map<MethodDesc, string>();

  constructor(private readonly ts: TypeSystem) {}

  /** getClassName: the full name of a class. */
  className(t: TypeDesc): string {
    let name = this.classNames.get(t);
    if (name === undefined) {
      name = this.computeClassName(t);
      this.classNames.set(t, name);
    }
    return name;
  }

  private computeClassName(t: TypeDesc): string {
    switch (t.kind) {
      case 'def': {
        const base = t.def.fullName.replace(/\//g, '+');
        return t.instantiation.length === 0 ? base : `${base}[${t.instantiation.map((a) => this.argumentName(a)).join(',')}]`;
      }
      case 'canon':
        return 'System.__Canon';
      case 'array':
        return `${this.argumentName(t.element)}[${t.isSzArray ? '' : t.rank === 1 ? '*' : ','.repeat(t.rank - 1)}]`;
      case 'ptr':
        return `${this.argumentName(t.element)}*`;
      case 'byref':
        return `${this.argumentName(t.element)}&`;
      case 'genericParam':
        return t.ownerKind === 'type' ? `!${t.index}` : `!!${t.index}`;
      case 'fnptr':
        return 'method*';
      case 'continuation':
        return `${this.className(t.base)}<${t.dataSize}:${t.objRefs.map((r) => (r ? 'R' : '_')).join('')}>`;
    }
  }

  private argumentName(t: TypeDesc): string {
    if (t.kind === 'def' && this.ts.category(t.def) === 'primitive') {
      const p = this.ts.primitiveCorInfoType(t);
      if (p !== undefined) return ARGUMENT_PRIMITIVE_NAMES[p] ?? this.className(t);
    }
    return this.className(t);
  }

  /** A type as the JIT prints it in a method signature. */
  jitTypeName(t: TypeDesc): string {
    const p = this.ts.primitiveCorInfoType(t);
    if (p !== undefined) return JIT_PRIMITIVE_NAMES[p] ?? this.className(t);
    switch (t.kind) {
      case 'byref':
        return 'byref';
      case 'ptr':
      case 'fnptr':
        return 'long';
      default:
        return this.className(t);
    }
  }

  /** `Namespace.Class:Method(args):ret` (`:this` for instance methods). */
  methodName(md: MethodDesc): string {
    let name = this.methodNames.get(md);
    if (name === undefined) {
      const sig = this.ts.methodSignature(md);
      const inst = md.instantiation.length ? `[${md.instantiation.map((a) => this.argumentName(a)).join(',')}]` : '';
      const args = sig.params.map((p) => this.jitTypeName(p)).join(',');
      const ret = this.ts.primitiveCorInfoType(sig.returnType) === CorInfoType.CORINFO_TYPE_VOID ? '' : `:${this.jitTypeName(sig.returnType)}`;
      name = `${this.className(md.owner)}:${md.name}${inst}(${args})${ret}${sig.hasThis ? ':this' : ''}`;
      this.methodNames.set(md, name);
    }
    return name;
  }
}
