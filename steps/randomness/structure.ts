/**
 * SEC-2: does a sample of ids show structure? Families of tests, the significance split evenly
 * between them and Bonferroni-corrected within each, so a perfect generator fails with
 * probability at most α: bias per character and overall, bias per bit, related positions
 * (pairwise χ², and an exact GF(2) rank for linear relations), consecutive ids related, and
 * repeated ids. A position that never varies, or a symbol that carries fewer bits, is lost
 * entropy for SEC-1 to count, not structure.
 */
import { affineRank, bitPairs, symbolPairs } from "./dependence.ts";
import {
  capacity,
  describeSample,
  error,
  type RandomnessJudgement,
  repeatedPairs,
  sampleProblem,
} from "./judgement.ts";
import { bitColumns, decode, type Sample } from "./sample.ts";
import { serial } from "./serial.ts";
import { chiSquareCritical, formatP, poissonAtLeast } from "./stats.ts";
import { describeFamily, type Family, passed } from "./tests.ts";
import { bitBias, uniformity } from "./uniformity.ts";

/** Bits at one position that are linear combinations of bits at others: a family of one exact test. */
function linearRelations(sample: Sample, level: number): Family {
  const columns = bitColumns(sample);
  const name = "linear relations (GF(2) rank of the varying bits, against the ranks within each character)";
  const defect = "bits are linear combinations of bits at other positions (repeated or copied data)";
  if (sample.distinct < columns.length + 32)
    return {
      name,
      defect,
      members: 0,
      level,
      flagged: [],
      note: `not taken: ${sample.distinct} distinct ids for ${columns.length} bits`,
    };
  const within = sample.positions.reduce(
    (s, _, p) =>
      s +
      affineRank(
        columns.filter((c) => c.position === p),
        sample.count,
      ).rank,
    0,
  );
  const { rank } = affineRank(columns, sample.count);
  // A perfect generator is rank-deficient with probability ~2^(bits − distinct ids) < 2^-32.
  const finding = {
    what: `GF(2) rank ${rank}`,
    shown: `${within - rank} of ${within} bits linearly derived from other characters`,
    statistic: within - rank,
    df: 1,
    p: within > rank ? 0 : 1,
    subject: 0,
  };
  return { name, defect, members: 1, level, worst: finding, flagged: within > rank ? [finding] : [] };
}

/** Repeated ids against the pairs a perfect generator of this layout would repeat (Poisson). */
function repeats(ids: readonly string[], sample: Sample, level: number): Family {
  const n = sample.count;
  const expected = ((n * (n - 1)) / 2) * 2 ** -capacity(sample);
  const found = repeatedPairs(ids);
  const p = poissonAtLeast(found, expected);
  const finding = {
    what: `${found} equal pairs`,
    shown: `${expected.toExponential(1)} expected`,
    statistic: found,
    df: 1,
    p,
    subject: 0,
  };
  return {
    name: "repeated ids (Poisson, against the room the ids have)",
    defect: "ids repeat",
    members: 1,
    level,
    worst: finding,
    flagged: p < level ? [finding] : [],
  };
}

export function judgeStructure(ids: readonly string[], options: { significance: number }): RandomnessJudgement {
  const alpha = options.significance;
  const sample = decode(ids);
  const problem = sampleProblem(sample);
  if (problem || !sample) return error(problem ?? "");
  const binary = sample.alphabet.binary;
  const level = alpha / (binary ? 6 : 4);
  const bias = uniformity(sample, level);
  const families: Family[] = [bias.perPosition, bias.overall];
  if (binary) {
    const columns = bitColumns(sample);
    families.push(
      ...bitBias(sample, columns, level),
      bitPairs(sample, columns, level).family,
      linearRelations(sample, level),
    );
  } else families.push(symbolPairs(sample, level).family);
  families.push(...serial(sample, level), repeats(ids, sample, level));
  const failed = families.filter((f) => !passed(f));
  const verdict = failed.length ? "fail" : "pass";
  const tests = families.reduce((s, f) => s + f.members, 0);
  const reason = failed.length
    ? failed.map((f) => `${f.defect} (${f.worst?.what}, p = ${formatP(f.worst?.p ?? 0)})`).join("; ")
    : `no structure found by ${tests} tests at α = ${alpha} in all`;
  const figures = [
    `test: ${families.length} families of tests, α = ${alpha} split evenly over ${binary ? 6 : 4} kinds (${level.toExponential(1)} each, halved between a largest-and-sum pair, Bonferroni within a family), ids taken in the order they were issued`,
    describeSample(sample),
    ...families.map(describeFamily),
    `false-failure rate on a perfect generator: at most ${alpha} per run by construction (Bonferroni); see steps/randomness/README.md for the rates measured`,
    smallestDefect(sample, families),
  ];
  return { verdict, reason, figures };
}

/** The defects the tests catch half the time, from the critical values of the families. */
function smallestDefect(sample: Sample, families: readonly Family[]): string {
  const n = sample.count;
  const critical = (f: Family, df: number) => chiSquareCritical(f.level / Math.max(f.members, 1), df);
  if (sample.alphabet.binary) {
    const z = Math.sqrt(critical(families[2]!, 1));
    const r = Math.sqrt(critical(families[4]!, 1) / n);
    return `smallest defect detected (half the time): one bit with |P(1) − ½| ≥ ${(z / (2 * Math.sqrt(n))).toFixed(3)}; two bits at different characters correlated by |r| ≥ ${r.toFixed(3)}; any linear repeat`;
  }
  // One symbol (1 + ε)/k likely: non-centrality λ ≈ n ε² / k.
  const k = Math.max(...sample.positions.map((p) => p.size));
  const lambda = critical(families[0]!, k - 1) - (k - 1);
  return `smallest defect detected (half the time): one symbol of a ${k}-symbol character ${(1 + Math.sqrt((lambda * k) / n)).toFixed(2)}× as likely as the others (χ² non-centrality ${lambda.toFixed(0)})`;
}
