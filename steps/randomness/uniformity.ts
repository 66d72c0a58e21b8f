/**
 * Bias: is each position uniform over the symbols seen there, and each bit as often 1 as 0?
 * Measured against the alphabet seen at the position, so a symbol that carries fewer bits is
 * uniform over its own few values, and a constant position never enters.
 */
import { type BitColumn, type Sample, where } from "./sample.ts";
import { chiSquareUniform } from "./stats.ts";
import { type Family, FamilyBuilder } from "./tests.ts";

export interface Uniformity {
  perPosition: Family;
  overall: Family;
  /** Each position's chi-square against uniform, and its degrees of freedom. */
  statistics: Array<{ statistic: number; df: number }>;
}

/** Chi-square of each position against uniform over its symbols, the largest and the sum each at half of `level`. */
export function uniformity(sample: Sample, level: number): Uniformity {
  const ps = sample.positions;
  const perPosition = new FamilyBuilder(
    "bias per character (χ² of each character against uniform over the symbols seen there)",
    "symbols are biased",
    ps.length,
    level / 2,
  );
  const overall = new FamilyBuilder("bias over all characters (sum of those χ²)", "symbols are biased", 1, level / 2);
  const statistics = ps.map((p, i) => {
    const counts = new Uint32Array(p.size);
    for (const v of p.values) counts[v]!++;
    const statistic = chiSquareUniform(counts, sample.count);
    perPosition.add(statistic, p.size - 1, () => ({
      what: `${where(sample, i)} (${p.size} symbols, most common seen ${Math.max(...counts)} times, ${(sample.count / p.size).toFixed(1)} expected)`,
      subject: i,
    }));
    return { statistic, df: p.size - 1 };
  });
  const total = statistics.reduce((s, x) => s + x.statistic, 0);
  const df = statistics.reduce((s, x) => s + x.df, 0);
  overall.add(total, df, () => ({ what: `${ps.length} characters`, subject: 0 }));
  return { perPosition: perPosition.family, overall: overall.family, statistics };
}

/**
 * Monobit per varying bit (NIST SP 800-22 2.1 on one bit position over the sample), the largest
 * and the sum over bits each at half of `level`. Only characters written in whole bits are
 * tested: those whose symbols fill more than half the values their varying bits can take, so
 * a missing symbol (hex without "f") is bias, while a sparse sub-alphabet (hex digits inside a
 * base64 id) is another encoding, not bias.
 */
export function bitBias(sample: Sample, columns: readonly BitColumn[], level: number): Family[] {
  const n = sample.count;
  const varyingBits = new Map<number, number>();
  for (const c of columns) varyingBits.set(c.position, (varyingBits.get(c.position) ?? 0) + 1);
  const tested = columns.filter((c) => sample.positions[c.position]!.size > 2 ** (varyingBits.get(c.position)! - 1));
  const perBit = new FamilyBuilder(
    "bias per bit (monobit on each bit position)",
    "a bit is biased",
    tested.length,
    level / 2,
  );
  const overall = new FamilyBuilder("bias over all bits (sum of those χ²)", "bits are biased", 1, level / 2);
  let total = 0;
  tested.forEach((c, i) => {
    const statistic = (2 * c.ones - n) ** 2 / n;
    total += statistic;
    perBit.add(statistic, 1, () => ({
      what: `bit ${c.bit} of ${where(sample, c.position)}, P(1) = ${(c.ones / n).toFixed(3)}`,
      subject: i,
    }));
  });
  overall.add(total, tested.length, () => ({
    what: `${tested.length} bits, mean P(1) = ${(tested.reduce((s, c) => s + c.ones, 0) / n / Math.max(tested.length, 1)).toFixed(3)}`,
    subject: 0,
  }));
  return [perBit.family, overall.family];
}
