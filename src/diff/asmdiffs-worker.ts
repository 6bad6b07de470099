/**
 * Entry point of an asmdiffs worker thread: loads both JITs, diffs its share
 * (writing the listings itself, so only small outcomes travel back) and posts
 * outcomes in batches.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { loadJit } from '../jit/registry.js';
import { InputError } from '../util/errors.js';
import { diffShare } from './asmdiffs-share.js';
import type { AsmDiffsWorkerMessage, AsmDiffsWorkerStart } from './asmdiffs-worker-protocol.js';
import type { ContextDiffOutcome } from './diff-context.js';

const BATCH_SIZE = 32;
const BATCH_DELAY_MS = 50;

async function run(start: AsmDiffsWorkerStart): Promise<void> {
  const post = (message: AsmDiffsWorkerMessage): void => parentPort!.postMessage(message);
  try {
    const jits = { base: await loadJit(start.baseJitSpec), diff: await loadJit(start.diffJitSpec) };
    let batch: ContextDiffOutcome[] = [];
    let batchStarted = Date.now();
    diffShare(start.job, jits, (outcome) => {
      batch.push(outcome);
      if (batch.length >= BATCH_SIZE || Date.now() - batchStarted >= BATCH_DELAY_MS) {
        post({ type: 'outcomes', outcomes: batch, done: false });
        batch = [];
        batchStarted = Date.now();
      }
    });
    post({ type: 'outcomes', outcomes: batch, done: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    post({ type: 'error', message, input: err instanceof InputError });
  }
}

void run(workerData as AsmDiffsWorkerStart);
