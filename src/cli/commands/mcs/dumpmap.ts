import { withMchReader } from '../../../mc/mch-reader.js';
import { ExitCode } from '../../exit-codes.js';
import { printJsonSummary, printLine } from '../../output.js';
import { selectedContexts, singleInput, type McsVerb } from './verb.js';

export const dumpmapVerb: McsVerb = {
  name: 'dumpmap',
  usage: 'dumpmap FILE.mch [-c RANGES]',
  describe: 'list context number, method hash and method name of each context',
  run(args) {
    const file = singleInput(args);
    const select = selectedContexts(args);
    const map: { index: number; methodHash: string; methodName: string }[] = [];
    const corrupt: number[] = [];
    withMchReader(file, (reader) => {
      for (const entry of reader.contexts(select ? { select } : {})) {
        if (entry.kind === 'corrupt') {
          corrupt.push(entry.index);
          if (!args.json) printLine(`${entry.index}\t-\t<damaged record: ${entry.error}>`);
          continue;
        }
        const row = { index: entry.index, methodHash: entry.meta.methodHash, methodName: entry.meta.methodName ?? '' };
        map.push(row);
        if (!args.json) printLine(`${row.index}\t${row.methodHash}\t${row.methodName}`);
      }
    }, { tocPath: false });
    if (args.json) printJsonSummary({ file, contexts: map.length, map, corruptContexts: corrupt });
    return corrupt.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
