import { removeDuplicates } from '../../../mc/collection-ops.js';
import { ExitCode } from '../../exit-codes.js';
import { printError, printJsonSummary, printLine } from '../../output.js';
import { corruptJson, describeCorrupt, requiredOutput, singleInput, type McsVerb } from './verb.js';

export const removedupVerb: McsVerb = {
  name: 'removedup',
  usage: 'removedup -o OUT.mch IN.mch [--by hash|content]',
  describe: 'keep the first context of each method (same method hash, or with --by content identical records)',
  run(args) {
    const input = singleInput(args);
    const output = requiredOutput(args);
    const result = removeDuplicates(input, output, args.by === 'content' ? 'content' : 'methodHash');
    for (const entry of result.corrupt) printError(`${input}: ${describeCorrupt(entry)} (left out)`);
    if (args.json) {
      printJsonSummary({
        input,
        output: result.path,
        contexts: result.contexts,
        duplicates: result.duplicates.length,
        duplicateContexts: result.duplicates,
        bytes: result.bytes,
        corrupt: result.corrupt.map(corruptJson),
      });
    } else {
      printLine(`Wrote ${result.path}: ${result.contexts} contexts, ${result.duplicates.length} duplicates removed, ${result.bytes} bytes`);
    }
    return result.corrupt.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
