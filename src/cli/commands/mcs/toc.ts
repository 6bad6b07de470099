import { rebuildToc } from '../../../mc/mct.js';
import { ExitCode } from '../../exit-codes.js';
import { printJsonSummary, printLine } from '../../output.js';
import { singleInput, type McsVerb } from './verb.js';

export const tocVerb: McsVerb = {
  name: 'toc',
  usage: 'toc FILE.mch',
  describe: 'rebuild the table of contents (FILE.mch.mct) by scanning the collection',
  run(args) {
    const file = singleInput(args);
    const toc = rebuildToc(file);
    if (args.json) printJsonSummary({ file, toc: toc.path, contexts: toc.contexts, corrupt: toc.corrupt });
    else printLine(`Wrote ${toc.path}: ${toc.contexts} contexts${toc.corrupt > 0 ? `, ${toc.corrupt} damaged` : ''}`);
    return toc.corrupt > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
