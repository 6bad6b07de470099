import { withMchReader } from '../../../mc/mch-reader.js';
import { MethodContext } from '../../../mc/method-context.js';
import { ExitCode } from '../../exit-codes.js';
import { printJsonSummary, printLine } from '../../output.js';
import { listIL } from './il-listing.js';
import { describeCorrupt, selectedContexts, singleInput, type McsVerb } from './verb.js';

export const ildumpVerb: McsVerb = {
  name: 'ildump',
  usage: 'ildump FILE.mch [-c RANGES]',
  describe: "print the IL of each context's method",
  run(args) {
    const file = singleInput(args);
    const select = selectedContexts(args);
    let contexts = 0;
    let instructions = 0;
    const corrupt: number[] = [];
    const badIL: number[] = [];
    withMchReader(file, (reader) => {
      for (const entry of reader.contexts(select ? { select } : {})) {
        if (entry.kind === 'corrupt') {
          corrupt.push(entry.index);
          if (!args.json) printLine(describeCorrupt(entry));
          continue;
        }
        let mc: MethodContext;
        try {
          mc = MethodContext.fromData(entry.context);
          mc.requireRoot();
        } catch (err) {
          corrupt.push(entry.index);
          if (!args.json) printLine(`#${entry.index}: not a method context: ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        const root = mc.requireRoot();
        const info = root.methodInfo;
        const listing = listIL(info.ILCode);
        contexts++;
        instructions += listing.instructions;
        if (listing.error !== undefined) badIL.push(entry.index);
        if (args.json) continue;
        printLine(`// context #${entry.index} ${root.methodName}`);
        printLine(`// ${info.ILCode.length} bytes of IL, maxstack ${info.maxStack}, ${info.locals.numArgs} locals, ${info.EHcount} EH clauses`);
        for (const line of listing.lines) printLine(`  ${line}`);
        printLine();
      }
    }, { tocPath: false });
    if (args.json) printJsonSummary({ file, contexts, instructions, badIL, corrupt: corrupt.length, corruptContexts: corrupt });
    return corrupt.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
