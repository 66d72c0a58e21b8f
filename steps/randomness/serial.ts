import { foldedTable, folding } from "./dependence.ts";
import { type Sample, where } from "./sample.ts";
import { chiSquareIndependence } from "./stats.ts";
import { type Family, FamilyBuilder } from "./tests.ts";

/**
 * Each position against itself in the next id, in the order the ids were issued (a counter
 * steps, a clock repeats): the largest (per position) and the sum over positions, each at half of `level`.
 */
export function serial(sample: Sample, level: number): Family[] {
  const g = folding(sample, sample.count - 1);
  const ps = sample.positions;
  const builder = new FamilyBuilder(
    "consecutive ids, per character (χ² of each character against itself in the next id)",
    "consecutive ids are related (a counter or a clock)",
    ps.length,
    level / 2,
    `symbols folded mod ${g}`,
  );
  const sum = new FamilyBuilder(
    "consecutive ids, all characters (sum of those χ²)",
    "consecutive ids are related (a counter or a clock)",
    1,
    level / 2,
  );
  let total = 0;
  let df = 0;
  ps.forEach((p, i) => {
    const k = Math.min(g, p.size);
    const statistic = chiSquareIndependence(foldedTable(p.values, p.values, k, k, 1), k, k);
    total += statistic;
    df += (k - 1) ** 2;
    builder.add(statistic, (k - 1) ** 2, () => ({ what: where(sample, i), subject: i }));
  });
  sum.add(total, df, () => ({ what: `${ps.length} characters`, subject: 0 }));
  return [builder.family, sum.family];
}
