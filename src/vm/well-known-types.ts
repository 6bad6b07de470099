/** Corlib types the EE and its users refer to by role, found by namespace and name. */

export const WELL_KNOWN_TYPES = {
  object: ['System', 'Object'],
  string: ['System', 'String'],
  valueType: ['System', 'ValueType'],
  enum: ['System', 'Enum'],
  array: ['System', 'Array'],
  void: ['System', 'Void'],
  delegate: ['System', 'Delegate'],
  multicastDelegate: ['System', 'MulticastDelegate'],
  nullable: ['System', 'Nullable`1'],
  exception: ['System', 'Exception'],
  runtimeTypeHandle: ['System', 'RuntimeTypeHandle'],
  thread: ['System.Threading', 'Thread'],
  executionContext: ['System.Threading', 'ExecutionContext'],
  synchronizationContext: ['System.Threading', 'SynchronizationContext'],
  task: ['System.Threading.Tasks', 'Task'],
  taskOfT: ['System.Threading.Tasks', 'Task`1'],
  continuation: ['System.Runtime.CompilerServices', 'Continuation'],
  continuationFlags: ['System.Runtime.CompilerServices', 'ContinuationFlags'],
  asyncHelpers: ['System.Runtime.CompilerServices', 'AsyncHelpers'],
  runtimeHelpers: ['System.Runtime.CompilerServices', 'RuntimeHelpers'],
} as const satisfies Readonly<Record<string, readonly [string, string]>>;

export type WellKnownType = keyof typeof WELL_KNOWN_TYPES;
