/**
 * Method-name globs, as JitDisasm and `--filter` take them: `*` matches any
 * run of characters, `?` one character; several patterns separated by
 * spaces or semicolons match when any does. A pattern without ':' names a
 * method (`Main`, `Get*`); with ':' it names `Class:Method` and the class
 * part may carry its namespace (`Program:Main`, `*.Program:Main`,
 * `Fixtures.Basics.Arithmetic:*`).
 */

export interface MethodGlob {
  /** True when `qualifiedName` (`Namespace.Class:Method`, optionally followed by `(args)…`) matches. */
  matches(qualifiedName: string): boolean;
}

function toRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function parseMethodGlob(text: string): MethodGlob {
  const patterns = text.split(/[\s;]+/).filter((p) => p.length > 0).map((p) => ({ hasClass: p.includes(':'), re: toRegExp(p) }));
  return {
    matches(qualifiedName: string): boolean {
      const paren = qualifiedName.indexOf('(');
      const name = paren >= 0 ? qualifiedName.slice(0, paren) : qualifiedName;
      const colon = name.lastIndexOf(':');
      const methodName = colon >= 0 ? name.slice(colon + 1) : name;
      const className = colon >= 0 ? name.slice(0, colon) : '';
      const dot = className.lastIndexOf('.');
      const simpleClass = dot >= 0 ? className.slice(dot + 1) : className;
      return patterns.some(({ hasClass, re }) => hasClass
        ? re.test(name) || re.test(`${simpleClass}:${methodName}`) || re.test(qualifiedName)
        : re.test(methodName));
    },
  };
}
