/** Exit codes shared by every command (SuperPMI's, plus 4 for bad input). */
export const ExitCode = {
  Ok: 0,
  CompileFailures: 1,
  AsmDiffs: 2,
  MissingData: 3,
  BadInput: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
