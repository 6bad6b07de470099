import { existsSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { CompileFailure, JitModule, JitOptions } from '../../jitee/index.js';
import { failureFromEEError } from '../../jitee/index.js';
import { formatCompileListing, jitFlagsForMode, loadJit, failureReason } from '../../jit/index.js';
import { Runtime } from '../../vm/index.js';
import { InputError, describeError } from '../../util/errors.js';
import type { TspmiCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { printJsonSummary, printLine } from '../output.js';

interface CompileArgs {
  assemblies: string[];
  jit: string;
  mode: 'jit' | 'r2r';
  ref: string[];
  filter?: string;
  disasm: boolean;
  jitoption: string[];
  verbose: boolean;
  json: boolean;
}

interface AssemblyTotals {
  methods: number;
  compiled: number;
  failed: number;
  skipped: number;
}

/** Examples of failing methods printed per reason unless --verbose. */
const EXAMPLES_PER_REASON = 10;

function parseJitOptions(pairs: readonly string[]): JitOptions {
  const options: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--jitoption ${pair}: expected KEY=VALUE`);
    options[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return options;
}

function checkInputs(paths: readonly string[], refs: readonly string[]): void {
  if (paths.length === 0) throw new InputError('name at least one assembly to compile');
  for (const path of paths) {
    if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`${path}: no such file`);
  }
  for (const dir of refs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--ref ${dir}: no such directory`);
  }
}

function loadRuntime(args: CompileArgs): Runtime {
  try {
    return Runtime.load({ assemblies: args.assemblies, referenceDirectories: args.ref });
  } catch (err) {
    throw new InputError(`cannot load ${args.assemblies.join(', ')}: ${describeError(err)}`);
  }
}

/** Progress on stderr, only for a terminal and only every half second. */
function progressReporter(total: number): { tick(done: number, failed: number): void; end(): void } {
  if (!process.stderr.isTTY) return { tick() {}, end() {} };
  let last = 0;
  let shown = false;
  return {
    tick(done, failed) {
      const now = Date.now();
      if (now - last < 500) return;
      last = now;
      shown = true;
      process.stderr.write(`\r${done}/${total} methods, ${failed} failed`);
    },
    end() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

export const compileCommand: TspmiCommand<CompileArgs> = {
  command: 'compile <assemblies..>',
  describe: 'Compile every method of the assemblies with a JIT over the live EE (PMI-style), without recording',
  builder: (y: Argv) =>
    y
      .positional('assemblies', { type: 'string', array: true, demandOption: true, describe: 'the .dll or .exe files to compile' })
      .option('jit', { type: 'string', default: 'base', describe: 'JIT to use: base, diff, or the path of a JIT module' })
      .option('mode', { choices: ['jit', 'r2r'] as const, default: 'jit' as const, describe: 'compile as at run time (jit) or for a ReadyToRun image (r2r)' })
      .option('ref', { type: 'string', array: true, default: [] as string[], describe: 'directory to search for referenced assemblies (repeatable)' })
      .option('filter', { type: 'string', describe: 'only methods whose name matches this glob (`*`, `?`), e.g. "*Program:Main*"' })
      .option('disasm', { type: 'boolean', default: false, describe: 'print a .dasm listing of every compiled method' })
      .option('jitoption', { type: 'string', array: true, default: [] as string[], describe: 'JIT option KEY=VALUE, e.g. JitDisasm=Main (repeatable)' })
      .option('verbose', { type: 'boolean', default: false, describe: 'list every failing method, not only examples' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary object as the last line' }) as unknown as Argv<CompileArgs>,
  async run(args) {
    checkInputs(args.assemblies, args.ref);
    const options = parseJitOptions(args.jitoption);
    const jit: JitModule = await loadJit(args.jit);
    const runtime = loadRuntime(args);
    const flags = jitFlagsForMode(args.mode);

    const start = process.hrtime.bigint();
    const methods = runtime.enumerateMethods(args.filter === undefined ? {} : { filter: args.filter });
    const progress = progressReporter(methods.length);
    const perAssembly = new Map<string, AssemblyTotals>();
    const failures = new Map<string, string[]>();
    let compiled = 0;
    let failed = 0;
    let skipped = 0;
    let bytes = 0;
    const fail = (reason: string, name: string): void => {
      failed++;
      let list = failures.get(reason);
      if (list === undefined) failures.set(reason, (list = []));
      list.push(name);
    };

    for (const m of methods) {
      let totals = perAssembly.get(m.module);
      if (totals === undefined) perAssembly.set(m.module, (totals = { methods: 0, compiled: 0, failed: 0, skipped: 0 }));
      totals.methods++;
      progress.tick(compiled + failed + skipped, failed);
      if (!m.ok) {
        totals.failed++;
        fail(failureReason(failureFromEEError(m.error)), m.name);
        continue;
      }
      const ji = runtime.createJitInterface({ version: jit.interfaceVersion, mode: args.mode, method: m.method });
      let failure: CompileFailure | undefined;
      try {
        const info = ji.methodInfo();
        if (info === null) {
          totals.skipped++;
          skipped++;
          continue;
        }
        const result = jit.compileMethod(ji, info, flags, options);
        if (result.ok) {
          totals.compiled++;
          compiled++;
          bytes += result.metrics.codeSize;
          if (args.disasm) printLine(formatCompileListing(result, ji.getMethodHash(info.ftn)));
          continue;
        }
        failure = result;
      } catch (err) {
        totals.failed++;
        fail(`exception: ${err instanceof Error ? err.name : 'thrown'}: ${describeError(err)}`, m.name);
        continue;
      }
      totals.failed++;
      fail(failureReason(failure), m.name);
    }
    progress.end();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;

    const failuresByReason = Object.fromEntries([...failures].sort((a, b) => b[1].length - a[1].length).map(([r, list]) => [r, list.length]));
    if (!args.json || args.verbose) {
      printLine(`Compiled ${compiled} of ${methods.length} methods with JIT '${jit.name}' in ${args.mode} mode: ${failed} failed, ${skipped} skipped, ${bytes} bytes of code, ${seconds.toFixed(2)} s (${Math.round(methods.length / Math.max(seconds, 1e-9))} methods/s)`);
      for (const [name, t] of perAssembly) printLine(`  ${name}: ${t.compiled} of ${t.methods} compiled, ${t.failed} failed${t.skipped > 0 ? `, ${t.skipped} skipped` : ''}`);
      if (failed > 0) {
        printLine('Failures by reason:');
        for (const [reason, list] of [...failures].sort((a, b) => b[1].length - a[1].length)) {
          printLine(`  ${String(list.length).padStart(6)}  ${reason}`);
          const shown = args.verbose ? list : list.slice(0, EXAMPLES_PER_REASON);
          for (const name of shown) printLine(`          ${name}`);
          if (shown.length < list.length) printLine(`          … and ${list.length - shown.length} more`);
        }
      }
    }
    if (args.json) {
      printJsonSummary({
        methods: methods.length, compiled, failed, skipped, seconds: Number(seconds.toFixed(3)), bytes,
        jit: jit.name, mode: args.mode, assemblies: Object.fromEntries(perAssembly), failuresByReason,
      });
    }
    return failed > 0 ? ExitCode.CompileFailures : ExitCode.Ok;
  },
};
