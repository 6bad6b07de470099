import { withMchReader } from '../../../mc/mch-reader.js';
import { MethodContext } from '../../../mc/method-context.js';
import { ExitCode } from '../../exit-codes.js';
import { printJsonSummary, printLine } from '../../output.js';
import { corruptJson, describeCorrupt, singleInput, type DamagedRecord, type McsVerb } from './verb.js';


/**
 * Checks every record: frame, checksum, decoding, and that the content is a
 * method context with a root. Exit 4 when anything is damaged, so a script
 * can use it as a gate; the report names each damaged record either way.
 */
export const integrityVerb: McsVerb = {
  name: 'integrity',
  usage: 'integrity FILE.mch',
  describe: 'check every record; report damaged ones by index (exit 4 if any)',
  run(args) {
    const file = singleInput(args);
    const problems: DamagedRecord[] = [];
    let contexts = 0;
    withMchReader(file, (reader) => {
      for (const entry of reader.contexts()) {
        contexts++;
        if (entry.kind === 'corrupt') {
          problems.push(entry);
          continue;
        }
        try {
          MethodContext.fromData(entry.context).requireRoot();
        } catch (err) {
          const detail = err instanceof Error ? err.message : String(err);
          problems.push({ index: entry.index, offset: entry.offset, size: entry.size, error: 'not a method context', detail });
        }
      }
    }, { tocPath: false });
    if (args.json) {
      printJsonSummary({ file, contexts, intact: contexts - problems.length, corrupt: problems.map(corruptJson) });
    } else {
      for (const p of problems) printLine(describeCorrupt(p));
      printLine(`${file}: ${contexts} contexts, ${contexts - problems.length} intact, ${problems.length} damaged`);
    }
    return problems.length > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
};
