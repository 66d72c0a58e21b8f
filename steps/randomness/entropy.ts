/**
 * SEC-1: a lower confidence bound on the collision entropy (Rényi order 2) of one id. Each
 * varying character is worth log2 of the symbols seen there; bits that are a GF(2) linear
 * combination of earlier ones (repeats, copies, XOR with a constant) are worth nothing, and
 * bits or characters that a pairwise χ² finds related to an earlier one are worth only their
 * conditional entropy; the loss to bias is bounded from above at 1 − α from the summed χ²
 * (collision entropy loses log2(1 + λ/n) ≤ λ/(n ln 2) bits to a non-centrality λ). Repeated
 * ids bound the entropy from above whatever the model. The bound counts whole bits: a pass
 * needs it ≥ minBits − 1, since no sample can tell 128 bits from 127.9.
 */
import { affineRank, bitPairs, symbolPairs } from "./dependence.ts";
import { falseFailure, smallestDefect } from "./entropyFigures.ts";
import {
  bits,
  capacity,
  describeSample,
  error,
  type RandomnessJudgement,
  repeatedPairs,
  sampleProblem,
} from "./judgement.ts";
import { bitColumns, decode, type Sample } from "./sample.ts";
import { serial } from "./serial.ts";
import { noncentralityUpperBound, normalCritical, poissonMeanLowerBound } from "./stats.ts";
import { describeFamily, type Family, passed } from "./tests.ts";
import { uniformity } from "./uniformity.ts";

interface Worth {
  /** Bits each position is worth after dependence. */
  worth: number[];
  family: Family;
  note: string;
}

/** Each position's bits after removing what earlier positions already determine. */
function dependence(sample: Sample, significance: number): Worth {
  if (!sample.alphabet.binary) {
    const { family, conditional } = symbolPairs(sample, significance);
    const worth = sample.positions.map((p, i) => Math.min(Math.log2(p.size), conditional.get(i) ?? Infinity));
    return { worth, family, note: "no bit layout to take a GF(2) rank of (alphabet size no power of two)" };
  }
  const columns = bitColumns(sample);
  const ranked = sample.distinct >= columns.length + 32;
  const { rank, adds } = ranked
    ? affineRank(columns, sample.count)
    : { rank: columns.length, adds: columns.map(() => true) };
  const { family, information } = bitPairs(sample, columns, significance);
  const worth = sample.positions.map((p) => Math.log2(p.size));
  const independent = worth.map(() => 0);
  columns.forEach((c, j) => {
    if (!adds[j]) return;
    independent[c.position]!++;
    worth[c.position]! -= information.get(j) ?? 0;
  });
  worth.forEach((w, i) => (worth[i] = Math.max(0, Math.min(w, independent[i]!))));
  const note = ranked
    ? `GF(2) rank ${rank} of ${columns.length} varying bits`
    : `GF(2) rank not taken: ${sample.distinct} distinct ids for ${columns.length} bits`;
  return { worth, family, note };
}

export function judgeEntropy(
  ids: readonly string[],
  options: { minBits: number; significance: number },
): RandomnessJudgement {
  const { minBits, significance: alpha } = options;
  const sample = decode(ids);
  const problem = sampleProblem(sample);
  if (problem || !sample) return error(problem ?? "");
  const n = sample.count;
  const room = capacity(sample);
  const { worth, family, note } = dependence(sample, alpha);
  const kept = worth.reduce((s, w) => s + w, 0);
  // Bias, over the positions still worth something.
  const bias = uniformity(sample, alpha);
  const used = bias.statistics.filter((_, i) => worth[i]! > 0);
  const chi = used.reduce((s, x) => s + x.statistic, 0);
  const df = used.reduce((s, x) => s + x.df, 0);
  const z = normalCritical(alpha);
  const lossEstimate = Math.max(0, chi - df) / (n * Math.LN2);
  const lossBound = noncentralityUpperBound(chi, df, z) / (n * Math.LN2);
  let estimate = kept - lossEstimate;
  let bound = kept - lossBound;
  // Repeats bound the collision entropy whatever the model: P(two ids equal) = 2^-H2.
  const pairs = (n * (n - 1)) / 2;
  const repeats = repeatedPairs(ids);
  const repeatBound = repeats > 0 ? Math.log2(pairs / poissonMeanLowerBound(repeats, alpha)) : Infinity;
  if (repeats > 0) {
    estimate = Math.min(estimate, Math.log2(pairs / repeats));
    bound = Math.min(bound, repeatBound);
  }
  const verdict = bound >= minBits - 1 ? "pass" : "fail";
  const defects: string[] = [];
  if (repeats > 0) defects.push(`ids repeat: ${repeats} equal pairs among ${n} ids show at most ${bits(repeatBound)}`);
  if (room < minBits)
    defects.push(
      `ids have room for ${bits(room)} only: ${sample.positions.length} of ${sample.length} characters vary`,
    );
  if (room - kept >= 0.5)
    defects.push(
      `${bits(room - kept)} repeat or are derived from other positions (${family.worst && !passed(family) ? family.worst.what : note})`,
    );
  if (!passed(bias.perPosition) || !passed(bias.overall))
    defects.push(`symbols are biased, costing ${bits(lossEstimate)} (${bias.perPosition.worst?.what ?? ""})`);
  const [serialWorst] = serial(sample, alpha);
  if (verdict === "fail" && !passed(serialWorst!))
    defects.push(`consecutive ids are related, a counter or a clock? (${serialWorst!.worst?.what})`);
  const level = `${(100 * (1 - alpha)).toPrecision(4)}%`;
  const head =
    bound === repeatBound
      ? `at most ${bits(bound)} per id (${level} bound from repeated ids; estimate ${bits(estimate)}), ${minBits} required`
      : `at least ${bits(bound)} per id (${level} bound; estimate ${bits(estimate)}), ${minBits} required`;
  const reason =
    verdict === "pass" ? head : `${head}: ${defects.length ? defects.join("; ") : "the bound falls short"}`;
  const modelFree = Math.log2(pairs / -Math.log(alpha));
  const figures = [
    `test: collision entropy per character over the symbols seen there, less bits repeated at or derived from other characters (GF(2) rank, pairwise χ² at α = ${alpha}), less a ${level} upper bound on the loss to bias; passes when the bound ≥ ${minBits} − 1 (bits judged whole)`,
    describeSample(sample),
    `estimate ${bits(estimate)} per id, ${level} ${bound === repeatBound ? "upper" : "lower"} bound ${bits(bound)}; ${bits(room - kept)} found repeated or derived (${note}); bias costs ${lossEstimate.toFixed(2)} bits (bound ${lossBound.toFixed(2)})`,
    describeFamily(family),
    repeats > 0
      ? `repeats: ${repeats} equal pairs among ${n} ids: at most ${bits(repeatBound)} at ${level}, whatever the model`
      : `repeats: none among ${n} ids, which alone shows only ${bits(modelFree)} (model-free); the rest of the bound assumes positions relate at most pairwise or linearly, so a hash of a counter would pass`,
    falseFailure(room, minBits, df, n, z, pairs),
    smallestDefect(sample, family, room, minBits, z, df),
  ];
  return { verdict, reason, figures };
}
