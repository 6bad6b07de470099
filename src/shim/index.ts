/** The recording and counting shims. */
export * from './recorder.js';
export * from './counter.js';
export * from './record-compile.js';
