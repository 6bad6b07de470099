import { collectionStats } from '../../../mc/collection-ops.js';
import { ExitCode } from '../../exit-codes.js';
import { printJsonSummary, printLine } from '../../output.js';
import { singleInput, type McsVerb } from './verb.js';

export const statVerb: McsVerb = {
  name: 'stat',
  usage: 'stat FILE.mch',
  describe: 'print counts and sizes of a collection',
  run(args) {
    const file = singleInput(args);
    const s = collectionStats(file);
    if (args.json) {
      printJsonSummary(s);
    } else {
      const h = s.header;
      printLine(`${file}: ${h.mode} mode, interface versions ${h.interfaceVersions.join(', ') || '(none)'}, written by ${h.toolVersion} (${h.createdBy}) at ${h.createdAt}`);
      printLine(`contexts ${s.contexts} (intact ${s.intact}, damaged ${s.corrupt})`);
      printLine(`bytes ${s.fileBytes} (header ${s.headerBytes}, records ${s.recordBytes}, damaged ${s.corruptBytes})`);
      printLine(`record bytes min ${s.minRecordBytes}, avg ${Math.round(s.avgRecordBytes)}, max ${s.maxRecordBytes}; file bytes per context ${Math.round(s.bytesPerContext)}`);
      for (const [kind, n] of Object.entries(s.corruptByKind)) printLine(`damaged (${kind}) ${n}`);
    }
    return s.corrupt > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
