/**
 * PMI-style method enumeration: every method with an IL body in the input
 * assemblies, in metadata order, as the code a JIT would compile for it.
 *
 * Generic code is enumerated once, in its shared canonical form: every type
 * parameter (of the type and of the method) becomes System.__Canon, except a
 * parameter constrained to value types (`where T : struct`), which cannot be
 * __Canon and is instantiated over System.Int32 instead (value-type code is
 * never shared, so that is one exact instantiation standing for all of them;
 * other constraints are not checked).
 *
 * A method whose types cannot be loaded is returned as a failure carrying
 * the EEError, so one bad method never stops the enumeration.
 */

import { GenericParamAttributes } from '../ecma/index.js';
import type { CORINFO_METHOD_HANDLE, EEError } from '../jitee/index.js';
import type { MethodDefinition, ModuleDesc, TypeDefinition } from './definitions.js';
import { eeGuard, toEEError } from './errors.js';
import type { MethodDesc } from './member-desc.js';
import type { Runtime } from './runtime.js';
import type { TypeDesc } from './type-desc.js';

export interface EnumerateOptions {
  /** A name glob (`*`, `?`) matched against `Class:Method(args):ret` and `Class:Method`, or a predicate on the full name. */
  readonly filter?: string | ((name: string) => boolean);
  /** Modules to enumerate (default: the Runtime's inputs). */
  readonly modules?: readonly ModuleDesc[];
}

interface EnumeratedBase {
  /** Simple name of the method's assembly. */
  readonly module: string;
  /** The MethodDef token. */
  readonly token: number;
  /** `Namespace.Class:Method(args):ret` (best effort from metadata for failures). */
  readonly name: string;
}

export interface EnumeratedMethodOk extends EnumeratedBase {
  readonly ok: true;
  readonly method: CORINFO_METHOD_HANDLE;
  readonly desc: MethodDesc;
}

export interface EnumeratedMethodFailed extends EnumeratedBase {
  readonly ok: false;
  readonly error: EEError;
}

export type EnumeratedMethod = EnumeratedMethodOk | EnumeratedMethodFailed;

/** A predicate for a name glob: `*` matches any run of characters, `?` one character. */
export function methodNameMatcher(glob: string): (name: string) => boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${pattern}$`);
  return (name) => {
    if (re.test(name)) return true;
    const paren = name.indexOf('(');
    return paren >= 0 && re.test(name.slice(0, paren));
  };
}

/** The argument standing for a generic parameter in the enumerated form. */
function canonicalParameterArgument(rt: Runtime, module: ModuleDesc, paramRid: number): TypeDesc {
  const flags = module.assembly.genericParam(paramRid).flags;
  return flags & GenericParamAttributes.NotNullableValueTypeConstraint ? rt.ts.int32Type : rt.ts.canon;
}

function canonicalArguments(rt: Runtime, module: ModuleDesc, ownerToken: number): TypeDesc[] {
  return module.assembly.genericParams(ownerToken).map((rid) => canonicalParameterArgument(rt, module, rid));
}

/** The MethodDesc PMI compiles for a method definition. */
export function enumeratedForm(rt: Runtime, def: MethodDefinition): MethodDesc {
  const module = def.module;
  const owner = rt.ts.defType(def.owner, canonicalArguments(rt, module, def.owner.token));
  return rt.ts.methodDesc(owner, def, canonicalArguments(rt, module, def.token));
}

function metadataName(type: TypeDefinition | undefined, method: string): string {
  return `${type ? type.fullName.replace(/\//g, '+') : '?'}:${method}`;
}

export function enumerateMethods(rt: Runtime, options: EnumerateOptions = {}): EnumeratedMethod[] {
  const filter = typeof options.filter === 'string' ? methodNameMatcher(options.filter) : options.filter;
  const out: EnumeratedMethod[] = [];
  for (const module of options.modules ?? rt.inputs) {
    for (let rid = 1; rid <= module.typeCount; rid++) {
      let type: TypeDefinition | undefined;
      let methods: readonly MethodDefinition[];
      try {
        type = module.typeDefinition(rid);
        methods = type.methods;
      } catch (err) {
        const error = toEEError(err, `reading type ${rid} of ${module.name}`);
        out.push({ ok: false, module: module.name, token: 0x02000000 | rid, name: metadataName(type, '*'), error });
        continue;
      }
      for (const def of methods) {
        if (!def.hasILBody) continue;
        let entry: EnumeratedMethod;
        try {
          const md = eeGuard(`loading ${def.owner.fullName}::${def.name} in ${module.name}`, () => {
            const m = enumeratedForm(rt, def);
            rt.ts.methodSignature(m);
            return m;
          });
          entry = { ok: true, module: module.name, token: def.token, name: rt.names.methodName(md), method: rt.methodHandle(md), desc: md };
        } catch (err) {
          entry = { ok: false, module: module.name, token: def.token, name: metadataName(type, def.name), error: toEEError(err, `loading ${def.name}`) };
        }
        if (!filter || filter(entry.name)) out.push(entry);
      }
    }
  }
  return out;
}
