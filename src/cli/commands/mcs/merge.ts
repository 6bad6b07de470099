import { mergeCollections } from '../../../mc/collection-ops.js';
import { InputError } from '../../../util/errors.js';
import { ExitCode } from '../../exit-codes.js';
import { printError, printJsonSummary, printLine } from '../../output.js';
import { corruptJson, describeCorrupt, requiredOutput, type McsVerb } from './verb.js';

export const mergeVerb: McsVerb = {
  name: 'merge',
  usage: 'merge -o OUT.mch IN.mch...',
  describe: 'concatenate collections of one mode into one (with a new .mct)',
  run(args) {
    const output = requiredOutput(args);
    if (args.files.length === 0) throw new InputError('mcs merge: name the collections to merge');
    const result = mergeCollections(args.files, output);
    for (const entry of result.corrupt) printError(`${entry.file}: ${describeCorrupt(entry)} (left out)`);
    if (args.json) {
      printJsonSummary({
        output: result.path,
        contexts: result.contexts,
        bytes: result.bytes,
        interfaceVersions: result.header.interfaceVersions,
        mode: result.header.mode,
        inputs: result.inputs,
        corrupt: result.corrupt.map(corruptJson),
      });
    } else {
      printLine(
        `Merged ${args.files.length} collections into ${result.path}: ${result.contexts} contexts, ${result.bytes} bytes, ` +
          `interface versions ${result.header.interfaceVersions.join(', ') || '(none in common)'}`,
      );
    }
    return result.corrupt.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
