import { parseContextRanges } from '../../../mc/context-ranges.js';
import { stripContexts } from '../../../mc/collection-ops.js';
import { InputError } from '../../../util/errors.js';
import { ExitCode } from '../../exit-codes.js';
import { printError, printJsonSummary, printLine } from '../../output.js';
import { corruptJson, describeCorrupt, requiredOutput, singleInput, type McsVerb } from './verb.js';

export const stripVerb: McsVerb = {
  name: 'strip',
  usage: 'strip -c RANGES -o OUT.mch IN.mch',
  describe: 'copy a collection without the contexts RANGES selects',
  run(args) {
    const input = singleInput(args);
    const output = requiredOutput(args);
    if (args.contexts === undefined) throw new InputError('mcs strip: name the contexts to drop with -c RANGES');
    const drop = parseContextRanges(args.contexts);
    const result = stripContexts(input, output, (index) => drop.has(index));
    for (const entry of result.corrupt) printError(`${input}: ${describeCorrupt(entry)} (left out)`);
    const kept = result.sourceIndices.length;
    if (args.json) {
      printJsonSummary({ input, output: result.path, contexts: kept, bytes: result.bytes, sourceIndices: result.sourceIndices, corrupt: result.corrupt.map(corruptJson) });
    } else {
      printLine(`Wrote ${result.path}: ${kept} contexts kept, ${result.bytes} bytes`);
    }
    return result.corrupt.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
