/**
 * A reflection-style type name as custom attributes serialize it:
 * `Namespace.Outer+Inner, AssemblyName, Version=…, Culture=…, PublicKeyToken=…`.
 */
export interface ParsedTypeName {
  namespace: string;
  /** Outermost type name first, then nested names. */
  names: string[];
  /** Simple assembly name, if the name is assembly-qualified. */
  assemblyName: string | undefined;
}

/**
 * Splits a serialized type name. Generic arguments in brackets are kept in the
 * type part untouched; escaped characters (`\,` `\+`) are unescaped.
 */
export function parseTypeName(text: string): ParsedTypeName {
  let depth = 0;
  let split = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      split = i;
      break;
    }
  }
  const typePart = (split < 0 ? text : text.slice(0, split)).trim();
  const assemblyName = split < 0 ? undefined : text.slice(split + 1).split(',')[0]!.trim() || undefined;

  const names: string[] = [];
  let current = '';
  for (let i = 0; i < typePart.length; i++) {
    const c = typePart[i]!;
    if (c === '\\' && i + 1 < typePart.length) current += typePart[++i];
    else if (c === '+') {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  const outer = names[0]!;
  const dot = outer.lastIndexOf('.');
  names[0] = dot < 0 ? outer : outer.slice(dot + 1);
  return { namespace: dot < 0 ? '' : outer.slice(0, dot), names, assemblyName };
}
