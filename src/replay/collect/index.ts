/** Recording collections from assemblies (`tspmi record`). */
export { recordCollection, type RecordOptions, type RecordSummary, type RecordEvent, type RecordCounts } from './record-collection.js';
export { recordMethod, type RecordedMethod } from './record-method.js';
