/** The runtime-async transformation and the two ways of calling the async context operations (README.md). */

import { runtimeAsyncPass } from './transform.js';
import { helperBinder, methodHandleBinder } from './context-calls.js';

export { runtimeAsyncPass } from './transform.js';
export { helperBinder, methodHandleBinder, type ContextCallBinder, type ContextOperation } from './context-calls.js';
export { continuationFields, layoutDataArea, type DataArea } from './continuation-layout.js';

/** `base`: context operations through getAsyncInfo's method handles (CaptureContexts an inline candidate). */
export const asyncPassWithMethodHandles = runtimeAsyncPass(methodHandleBinder);
/** `diff`: context operations through CORINFO_HELP_ASYNC_* helpers. */
export const asyncPassWithHelpers = runtimeAsyncPass(helperBinder);
