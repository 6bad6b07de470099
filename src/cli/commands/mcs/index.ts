/** The `mcs` verbs, in the order help lists them. */

import { dumpVerb } from './dump.js';
import { dumpmapVerb } from './dumpmap.js';
import { ildumpVerb } from './ildump.js';
import { integrityVerb } from './integrity.js';
import { mergeVerb } from './merge.js';
import { removedupVerb } from './removedup.js';
import { statVerb } from './stat.js';
import { stripVerb } from './strip.js';
import { tocVerb } from './toc.js';
import type { McsVerb } from './verb.js';

export const MCS_VERBS: readonly McsVerb[] = [
  dumpVerb,
  ildumpVerb,
  dumpmapVerb,
  statVerb,
  integrityVerb,
  mergeVerb,
  stripVerb,
  removedupVerb,
  tocVerb,
];

export type { McsArgs, McsVerb } from './verb.js';
