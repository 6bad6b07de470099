import { primitiveName } from './element-type.js';
import type { MethodSig, TypeSig } from './sig-types.js';

/** Gives the display name of a TypeDef/TypeRef/TypeSpec token. */
export type TypeTokenName = (token: number) => string;

/** IL-assembler style text of a type, e.g. `class [mscorlib]System.Collections.Generic.List`1<int32>`. */
export function formatTypeSig(t: TypeSig, nameOf: TypeTokenName): string {
  switch (t.kind) {
    case 'primitive':
      return primitiveName(t.type);
    case 'class':
      return `class ${nameOf(t.token)}`;
    case 'valuetype':
      return `valuetype ${nameOf(t.token)}`;
    case 'var':
      return `!${t.index}`;
    case 'mvar':
      return `!!${t.index}`;
    case 'szarray':
      return `${formatTypeSig(t.element, nameOf)}[]`;
    case 'ptr':
      return `${formatTypeSig(t.element, nameOf)}*`;
    case 'byref':
      return `${formatTypeSig(t.element, nameOf)}&`;
    case 'pinned':
      return `${formatTypeSig(t.type, nameOf)} pinned`;
    case 'modified':
      return `${formatTypeSig(t.type, nameOf)} ${t.required ? 'modreq' : 'modopt'}(${nameOf(t.modifier)})`;
    case 'array': {
      const dims: string[] = [];
      for (let i = 0; i < t.rank; i++) {
        const lo = t.lowerBounds[i];
        const size = t.sizes[i];
        if (lo === undefined && size === undefined) dims.push('');
        else if (size === undefined) dims.push(`${lo}...`);
        else dims.push(`${lo ?? 0}...${(lo ?? 0) + size - 1}`);
      }
      return `${formatTypeSig(t.element, nameOf)}[${dims.join(',')}]`;
    }
    case 'genericinst':
      return `${t.isValueType ? 'valuetype' : 'class'} ${nameOf(t.genericType)}<${t.args.map((a) => formatTypeSig(a, nameOf)).join(', ')}>`;
    case 'fnptr':
      return `method ${formatMethodSig(t.signature, '*', nameOf)}`;
  }
}

/** `instance default int32 Name (string, int32)` style text of a method signature. */
export function formatMethodSig(sig: MethodSig, name: string, nameOf: TypeTokenName): string {
  const params = sig.params.map((p) => formatTypeSig(p, nameOf));
  if (sig.sentinelIndex >= 0) params.splice(sig.sentinelIndex, 0, '...');
  const generic = sig.genericParamCount ? `<${sig.genericParamCount}>` : '';
  const prefix = `${sig.hasThis ? 'instance ' : ''}${sig.explicitThis ? 'explicit ' : ''}`;
  return `${prefix}${formatTypeSig(sig.returnType, nameOf)} ${name}${generic}(${params.join(', ')})`;
}
