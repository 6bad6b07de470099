/**
 * The method hash: identifies "the same compile" across collections, for
 * removedup and the .mct. Two contexts with equal hashes compile the same IL
 * with the same signatures and flags (handles may differ; SuperPMI treats
 * those as duplicates too).
 *
 * Definition (version 1): the first 16 bytes of SHA-256, as 32 lowercase hex
 * digits, over
 *
 *   "tspmi-method-hash/1" 0x00
 *   u32le(len) ILCode
 *   u32le(len) args.pSig      (the method signature)
 *   u32le(len) locals.pSig    (the local variable signature)
 *   u32le CORJIT_FLAGS
 *
 * Length prefixes keep the three byte strings from running into each other
 * (IL "ab" + sig "c" must not hash like IL "a" + sig "bc").
 */

import { createHash } from 'node:crypto';
import type { CORJIT_FLAGS } from '../jitee/jit-flags.js';
import type { CORINFO_METHOD_INFO } from '../jitee/structs.js';

const PREFIX = Buffer.from('tspmi-method-hash/1\0', 'latin1');

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

export function methodHash(methodInfo: CORINFO_METHOD_INFO, flags: CORJIT_FLAGS): string {
  const h = createHash('sha256');
  h.update(PREFIX);
  for (const bytes of [methodInfo.ILCode, methodInfo.args.pSig, methodInfo.locals.pSig]) {
    h.update(u32le(bytes.length));
    h.update(bytes);
  }
  h.update(u32le(flags));
  return h.digest('hex').slice(0, 32);
}
