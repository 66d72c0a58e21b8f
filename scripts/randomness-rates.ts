/**
 * Monte-Carlo measure of SEC-1 and SEC-2 on fresh random samples: how often each perfect
 * generator fails (the false-failure rate), how often each flaw is caught, and the time one
 * judgement takes. Prints a markdown table.
 *   node --import tsx scripts/randomness-rates.ts [--runs 200] [--flaw-runs 50] [--samples 1000] [--only TEXT]
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { judgeEntropy, judgeStructure } from "../steps/randomness/index.ts";
import { FLAWED, PERFECT, sampleOf } from "../steps/randomness/shapes.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    "flaw-runs": { type: "string", default: "50" },
    samples: { type: "string", default: "1000" },
    only: { type: "string", default: "" },
  },
});
const perfectRuns = Number(values.runs);
const samples = Number(values.samples);
const minBits = 128;

/** CPU milliseconds of `f`: wall time on a shared machine says little. */
function cpu<T>(f: () => T): [T, number] {
  const start = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(start);
  return [result, (used.user + used.system) / 1000];
}

console.log(
  `| shape | runs | SEC-1 fail | lowest SEC-1 bound | SEC-2 fail at α=0.001 | SEC-2 fail at α=0.05 | ms per judgement (CPU, median) |`,
);
console.log("|---|---|---|---|---|---|---|");
for (const [name, shape] of Object.entries({ ...PERFECT, ...FLAWED })) {
  if (!name.includes(values.only)) continue;
  const runs = name in PERFECT ? perfectRuns : Number(values["flaw-runs"]);
  const counts = { entropy: 0, structure: 0, loose: 0 };
  const times: number[] = [];
  let lowest = Infinity;
  for (let r = 0; r < runs; r++) {
    const ids = sampleOf(shape, randomBytes, samples);
    const [e, te] = cpu(() => judgeEntropy(ids, { minBits, significance: 0.001 }));
    const [s, ts] = cpu(() => judgeStructure(ids, { significance: 0.001 }));
    times.push(te, ts);
    lowest = Math.min(lowest, Number(/(\d+\.\d) bits per id/.exec(e.reason)?.[1] ?? Number.NaN));
    counts.entropy += e.verdict === "fail" ? 1 : 0;
    counts.structure += s.verdict === "fail" ? 1 : 0;
    counts.loose += judgeStructure(ids, { significance: 0.05 }).verdict === "fail" ? 1 : 0;
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${runs} | ${counts.entropy} | ${lowest} | ${counts.structure} | ${counts.loose} | ${times[times.length >> 1]!.toFixed(0)} |`,
  );
}
