import type { Argv } from 'yargs';
import { Runtime } from '../../vm/index.js';
import type { TspmiCommand } from '../command.js';
import { bindContextOperations, formatLookup, type ContextOperationBinding } from '../demo/context-operations.js';
import { bundledAsyncSample } from '../demo/sample-paths.js';
import { ExitCode } from '../exit-codes.js';
import { printJsonSummary, printLine } from '../output.js';

interface DemoArgs {
  json: boolean;
}

const MODES = ['jit', 'r2r'] as const;

export const demoCommand: TspmiCommand<DemoArgs> = {
  command: 'demo',
  describe: 'Show, on the bundled runtime-async sample, how method handles (base) and JIT helpers (diff) bind the async context operations',
  builder: (y: Argv) =>
    y.option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' }) as unknown as Argv<DemoArgs>,
  async run(args) {
    const sample = bundledAsyncSample();
    const runtime = Runtime.load({ assemblies: [sample] });
    const methods = runtime.enumerateMethods();
    const asyncMethods = methods.filter((m) => m.ok && m.desc.def?.isAsync === true);
    const first = asyncMethods[0];
    if (!first || !first.ok) throw new Error('the bundled sample has no runtime-async method');

    const byMode: Record<string, ContextOperationBinding[]> = {};
    for (const mode of MODES) byMode[mode] = bindContextOperations(runtime, mode, first.method);

    if (args.json) {
      printJsonSummary({
        sample,
        methods: methods.length,
        asyncMethods: asyncMethods.length,
        modes: Object.fromEntries(
          MODES.map((mode) => [
            mode,
            {
              operations: byMode[mode]!.length,
              sameTarget: byMode[mode]!.filter((b) => b.sameTarget).length,
              bindings: byMode[mode]!.map((b) => ({
                operation: b.operation,
                baseMethod: b.baseMethod,
                baseEntry: formatLookup(b.baseEntry),
                baseFixup: b.baseFixup ?? null,
                diffHelper: b.diffHelper,
                diffEntry: formatLookup(b.diffEntry),
                diffFixup: b.diffFixup ?? null,
                sameTarget: b.sameTarget,
              })),
            },
          ]),
        ),
      });
      return ExitCode.Ok;
    }

    printLine(`Sample: ${sample}`);
    printLine(`${methods.length} methods, ${asyncMethods.length} runtime-async (MethodImpl 0x2000)`);
    for (const mode of MODES) {
      const bindings = byMode[mode]!;
      printLine();
      printLine(`== ${mode} mode: where each async context operation is called ==`);
      for (const b of bindings) {
        printLine(`${b.operation} (${b.use})`);
        printLine(`  base  ${b.baseMethod}  ->  ${formatLookup(b.baseEntry)}${b.baseFixup ? `  [${b.baseFixup}]` : ''}`);
        printLine(`  diff  ${b.diffHelper}  ->  ${formatLookup(b.diffEntry)}${b.diffFixup ? `  [${b.diffFixup}]` : ''}`);
      }
      const same = bindings.filter((b) => b.sameTarget).length;
      printLine(
        same === bindings.length
          ? `${mode}: all ${same} operations resolve to the same address in both builds`
          : `${mode}: ${bindings.length - same} of ${bindings.length} operations bind through different cells (base MethodEntry vs diff Helper)`,
      );
    }
    return ExitCode.Ok;
  },
};
