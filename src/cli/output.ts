/** Prints the machine-readable summary: one JSON object as the last line of stdout. */
export function printJsonSummary(summary: object): void {
  process.stdout.write(JSON.stringify(summary) + '\n');
}

export function printLine(line = ''): void {
  process.stdout.write(line + '\n');
}

export function printError(message: string): void {
  process.stderr.write(`tspmi: ${message}\n`);
}
