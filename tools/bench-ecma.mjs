#!/usr/bin/env node
// Times the ECMA reader on one large assembly: open, then every method body
// and every signature (method, field, locals, member ref, type spec, method
// spec, stand-alone). Needs the built dist/ (npm run build).
//
// usage: node tools/bench-ecma.mjs [assembly.dll] [--runs N]
import { existsSync, readFileSync } from 'node:fs';
import { Assembly, TableId } from '../dist/ecma/index.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = Math.max(1, runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) || 1 : 5);
const path = args[0] ?? '/usr/lib/mono/4.5/mscorlib.dll';
if (!existsSync(path)) {
  process.stderr.write(`bench-ecma: ${path} not found (install libmono-corlib4.5-cil or pass a path)\n`);
  process.exit(4);
}
const bytes = readFileSync(path);

function readEverything() {
  const asm = Assembly.fromBytes(bytes, path);
  const counts = { methods: 0, bodies: 0, ilBytes: 0, ehClauses: 0, signatures: 0 };
  for (let m = 1; m <= asm.rowCount(TableId.MethodDef); m++) {
    counts.methods++;
    asm.methodSignature(m);
    counts.signatures++;
    const body = asm.methodBody(m);
    if (!body) continue;
    counts.bodies++;
    counts.ilBytes += body.codeSize;
    counts.ehClauses += body.exceptionClauses.length;
    if (body.localVarSigToken) {
      asm.localVariables(m);
      counts.signatures++;
    }
  }
  const each = (table, decode) => {
    for (let rid = 1; rid <= asm.rowCount(table); rid++) {
      decode(rid);
      counts.signatures++;
    }
  };
  each(TableId.Field, (r) => asm.fieldSignature(r));
  each(TableId.MemberRef, (r) => asm.memberRefSignature(r));
  each(TableId.TypeSpec, (r) => asm.typeSpecSignature(r));
  each(TableId.MethodSpec, (r) => asm.methodSpecInstantiation(r));
  each(TableId.StandAloneSig, (r) => asm.standAloneSignature(r));
  return counts;
}

const times = [];
let counts;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  counts = readEverything();
  times.push(performance.now() - t0);
}
const cold = times[0];
times.sort((a, b) => a - b);
const best = times[0];
const median = times[Math.floor(times.length / 2)];
process.stdout.write(
  `${path}: ${counts.methods} methods, ${counts.bodies} bodies, ${counts.ilBytes} IL bytes, ` +
    `${counts.ehClauses} EH clauses, ${counts.signatures} signatures\n` +
    `first run ${cold.toFixed(1)} ms, best ${best.toFixed(1)} ms, median ${median.toFixed(1)} ms over ${runs} runs (each run parses from scratch)\n`,
);
process.stdout.write(JSON.stringify({ file: path, ...counts, firstMs: Number(cold.toFixed(1)), bestMs: Number(best.toFixed(1)), medianMs: Number(median.toFixed(1)), runs }) + '\n');
