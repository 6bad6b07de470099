/**
 * Entry point of a replay worker thread: loads the JIT, replays its share and
 * posts outcomes back in batches (per message cost is what limits throughput
 * for small contexts, so outcomes travel a few dozen at a time, or after a
 * short delay when contexts are slow).
 */

import { parentPort, workerData } from 'node:worker_threads';
import { loadJit } from '../../jit/registry.js';
import { InputError } from '../../util/errors.js';
import { ContextClock } from './context-clock.js';
import type { ContextOutcome } from './outcome.js';
import { replayShare } from './share-replay.js';
import type { WorkerMessage, WorkerStart } from './worker-protocol.js';

const BATCH_SIZE = 64;
const BATCH_DELAY_MS = 50;

async function run(start: WorkerStart): Promise<void> {
  const port = parentPort!;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  try {
    const jit = await loadJit(start.jitSpec);
    const clock = new ContextClock(start.clock, start.job.share.worker);
    let batch: ContextOutcome[] = [];
    let batchStarted = Date.now();
    replayShare(start.job, jit, (outcome) => {
      batch.push(outcome);
      if (batch.length >= BATCH_SIZE || Date.now() - batchStarted >= BATCH_DELAY_MS) {
        post({ type: 'outcomes', outcomes: batch, done: false });
        batch = [];
        batchStarted = Date.now();
      }
      return true;
    }, clock);
    post({ type: 'outcomes', outcomes: batch, done: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    post({ type: 'error', message, input: err instanceof InputError });
  }
}

void run(workerData as WorkerStart);
