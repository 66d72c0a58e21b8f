/** SEC-1's report lines on its own power: false failures and the smallest defect it sees. */
import { bits } from "./judgement.ts";
import { bitColumns, type Sample } from "./sample.ts";
import { chiSquareCritical, chiSquareSurvival, noncentralityUpperBound } from "./stats.ts";
import type { Family } from "./tests.ts";

/** The chance a perfect generator with this layout fails: its bias bound passing the slack, or a repeat. */
export function falseFailure(room: number, minBits: number, df: number, n: number, z: number, pairs: number): string {
  if (room < minBits - 1)
    return `false-failure rate on a perfect generator: not applicable, a perfect generator with this layout has room for ${bits(room)} only`;
  const slack = (room - minBits + 1) * n * Math.LN2;
  let [low, high] = [0, slack];
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (noncentralityUpperBound(df + mid, df, z) < slack) low = mid;
    else high = mid;
  }
  const rate = chiSquareSurvival(df + low, df) + pairs * 2 ** -room;
  return `false-failure rate on a perfect generator with this layout: ${rate.toExponential(1)} per run (the bias bound would have to exceed ${(room - minBits + 1).toFixed(2)} bits, or two ids repeat)`;
}

export function smallestDefect(
  sample: Sample,
  family: Family,
  room: number,
  minBits: number,
  z: number,
  df: number,
): string {
  const n = sample.count;
  const slack = room - minBits + 1 - noncentralityUpperBound(df, df, z) / (n * Math.LN2);
  const m = sample.alphabet.binary ? bitColumns(sample).length : 0;
  const delta = slack > 0 && m > 0 ? Math.sqrt((2 ** (slack / m) - 1) / 4) : 0;
  const example = delta > 0 ? `, e.g. every one of the ${m} varying bits at P(1) = ${(0.5 + delta).toFixed(3)}` : "";
  const pairDf = family.worst?.df ?? 1;
  const information =
    (chiSquareCritical(family.level / Math.max(family.members, 1), pairDf) - pairDf) / (2 * n * Math.LN2);
  const linear = sample.alphabet.binary ? "; any exact linear repeat of a bit" : "";
  return `smallest defect detected: a loss of ${slack > 0 ? bits(slack) : "any size"} below the room for ${bits(room)}${example}${linear}; another relation between two positions from a mutual information of ~${information.toFixed(3)} bits (detected half the time)`;
}
