import { withMchReader } from '../../../mc/mch-reader.js';
import { MethodContext } from '../../../mc/method-context.js';
import { dumpMethodContext } from '../../../mc/method-context-dump.js';
import { ExitCode } from '../../exit-codes.js';
import { printJsonSummary, printLine } from '../../output.js';
import { describeCorrupt, selectedContexts, singleInput, type McsVerb } from './verb.js';

export const dumpVerb: McsVerb = {
  name: 'dump',
  usage: 'dump FILE.mch [-c RANGES]',
  describe: 'print every recorded call of each context, and the recorded results',
  run(args) {
    const file = singleInput(args);
    const select = selectedContexts(args);
    let contexts = 0;
    const corrupt: number[] = [];
    withMchReader(file, (reader) => {
      for (const entry of reader.contexts(select ? { select } : {})) {
        if (entry.kind === 'corrupt') {
          corrupt.push(entry.index);
          if (!args.json) printLine(describeCorrupt(entry));
          continue;
        }
        let lines: string[];
        try {
          lines = dumpMethodContext(MethodContext.fromData(entry.context));
        } catch (err) {
          corrupt.push(entry.index);
          if (!args.json) printLine(`#${entry.index}: not a method context: ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        contexts++;
        if (args.json) continue;
        printLine(`--- context #${entry.index} ${entry.meta.methodName ?? ''} (hash ${entry.meta.methodHash})`);
        for (const line of lines) printLine(line);
      }
    }, { tocPath: false });
    if (args.json) printJsonSummary({ file, contexts, corrupt: corrupt.length, corruptContexts: corrupt });
    return corrupt.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
