import type { Argv } from 'yargs';
import { Assembly, TableId, formatToken, makeToken } from '../../ecma/index.js';
import type { TspmiCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { printJsonSummary, printLine } from '../output.js';

interface DumpAssemblyArgs {
  file: string;
  json: boolean;
}

interface MethodEntry {
  token: string;
  name: string;
  rva: number;
  /** IL code size, or null when the method has no body. */
  ilSize: number | null;
  flags: number;
  implFlags: number;
}

const hex4 = (n: number) => '0x' + n.toString(16).padStart(4, '0');
const hex8 = (n: number) => '0x' + n.toString(16).padStart(8, '0');

export const dumpAssemblyCommand: TspmiCommand<DumpAssemblyArgs> = {
  command: 'dump-assembly <file>',
  describe: 'List the types and methods of an assembly with IL sizes and flags',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the .dll or .exe to read' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' }) as unknown as Argv<DumpAssemblyArgs>,
  async run(args) {
    const asm = Assembly.open(args.file);
    const typeCount = asm.rowCount(TableId.TypeDef);
    const methodCount = asm.rowCount(TableId.MethodDef);
    const types: { token: string; name: string; flags: number }[] = [];
    for (let t = 1; t <= typeCount; t++) {
      types.push({ token: formatToken(makeToken(TableId.TypeDef, t)), name: asm.typeDefFullName(t), flags: asm.typeDef(t).flags });
    }

    // Every MethodDef row, in row order, whether or not a type's method list claims it.
    const methods: MethodEntry[] = [];
    let bodies = 0;
    let ilBytes = 0;
    for (let m = 1; m <= methodCount; m++) {
      const method = asm.methodDef(m);
      const body = asm.methodBody(m);
      if (body) {
        bodies++;
        ilBytes += body.codeSize;
      }
      const owner = asm.declaringTypeOfMethod(m);
      methods.push({
        token: formatToken(method.token),
        name: `${owner ? types[owner - 1]!.name : '<unowned>'}::${method.name}`,
        rva: method.rva,
        ilSize: body ? body.codeSize : null,
        flags: method.flags,
        implFlags: method.implFlags,
      });
    }

    const summary = {
      file: args.file,
      assembly: asm.name,
      typeDefs: typeCount,
      methodDefs: asm.rowCount(TableId.MethodDef),
      bodies,
      ilBytes,
      types,
      methods,
    };
    if (args.json) {
      printJsonSummary(summary);
    } else {
      for (let t = 1; t <= typeCount; t++) {
        const type = types[t - 1]!;
        printLine(`type ${type.token} ${type.name} flags=${hex8(type.flags)}`);
        for (const m of asm.typeDefMethods(t)) {
          const e = methods[m - 1]!;
          const size = e.ilSize === null ? 'no body' : `il=${e.ilSize}`;
          printLine(`  method ${e.token} ${asm.methodDef(m).name} ${size} flags=${hex4(e.flags)} impl=${hex4(e.implFlags)}`);
        }
      }
      printLine(`${args.file}: assembly ${asm.name}, ${summary.typeDefs} types, ${summary.methodDefs} methods, ${bodies} bodies, ${ilBytes} IL bytes`);
    }
    return ExitCode.Ok;
  },
};
