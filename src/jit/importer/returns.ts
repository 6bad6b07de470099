import type { ImportState } from './state.js';

/**
 * ret: the value goes back in rax/xmm0, or into the caller's return buffer
 * (code generation copies it there and returns the buffer's address). The
 * return type keeps its storage kind so small integers are normalised.
 */
export function importReturn(s: ImportState): void {
  const type = s.method.returnType;
  if (type === undefined) {
    s.emit({ op: 'return', value: undefined, type: undefined });
    return;
  }
  const value = s.pop();
  s.emit({ op: 'return', value: value.operand, type });
}
