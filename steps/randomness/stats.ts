/**
 * The distributions the randomness judgements need: chi-square and Poisson tails from
 * @stdlib's regularized incomplete gamma, their inverses by bisection, and bounds on the
 * non-centrality of a chi-square statistic (how far a sample is from uniform).
 */
import { createRequire } from "node:module";

type Gammainc = (x: number, a: number, regularized?: boolean, upper?: boolean) => number;
let gammaincLoaded: Gammainc | undefined;

/** @stdlib's regularized incomplete gamma, loaded on first use: its 286 modules take 0.1 s to load. */
function gammainc(x: number, a: number, upper: boolean): number {
  gammaincLoaded ??= createRequire(import.meta.url)("@stdlib/math-base-special-gammainc") as Gammainc;
  return gammaincLoaded(x, a, true, upper);
}

/** P(X ≥ x) for X chi-square distributed with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return x <= 0 ? 1 : gammainc(x / 2, df / 2, true);
}

/** The x with P(X ≥ x) = p for X ~ χ²(df), by bisection on the tail (monotone, 1e-9 relative). */
export function chiSquareCritical(p: number, df: number): number {
  let low = 0;
  let high = df + 10 * Math.sqrt(2 * df) + 100;
  while (chiSquareSurvival(high, df) > p) high *= 2;
  while (high - low > 1e-9 * high) {
    const mid = (low + high) / 2;
    if (chiSquareSurvival(mid, df) > p) low = mid;
    else high = mid;
  }
  return high;
}

/** P(N ≥ k) for N Poisson distributed with mean `mean`: the lower regularized gamma P(k, mean). */
export function poissonAtLeast(k: number, mean: number): number {
  return k <= 0 ? 1 : mean <= 0 ? 0 : gammainc(mean, k, false);
}

/** The smallest Poisson mean for which `k` events or more are no rarer than `p` (exact lower bound). */
export function poissonMeanLowerBound(k: number, p: number): number {
  if (k <= 0) return 0;
  let low = 0;
  let high = k + 10 * Math.sqrt(k) + 10;
  while (high - low > 1e-12 * high) {
    const mid = (low + high) / 2;
    if (poissonAtLeast(k, mid) < p) low = mid;
    else high = mid;
  }
  return low;
}

/** The standard normal quantile z with P(Z ≥ z) = p, from χ²(1): P(Z ≥ z) = ½ P(χ² ≥ z²). */
export function normalCritical(p: number): number {
  return Math.sqrt(chiSquareCritical(2 * p, 1));
}

/**
 * Upper confidence bound on the non-centrality λ of a chi-square statistic `observed` with `df`
 * degrees of freedom, from the normal approximation χ²(df, λ) ≈ N(df + λ, 2(df + 2λ)), which
 * is good for the hundreds of degrees of freedom summed here: the λ at which `observed` lies
 * `z` standard deviations below the mean.
 */
export function noncentralityUpperBound(observed: number, df: number, z: number): number {
  const d = observed - df;
  const z2 = z * z;
  return Math.max(0, d + 2 * z2 + Math.sqrt(Math.max(0, 4 * d * z2 + 4 * z2 * z2 + 2 * z2 * df)));
}

/** Pearson's chi-square of `counts` against a uniform spread over `counts.length` cells. */
export function chiSquareUniform(counts: ArrayLike<number>, total: number): number {
  const expected = total / counts.length;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += (counts[i]! - expected) ** 2 / expected;
  return sum;
}

/** Pearson's chi-square of independence for a `rows` × `cols` table of counts (row major). */
export function chiSquareIndependence(table: ArrayLike<number>, rows: number, cols: number): number {
  const r = new Float64Array(rows);
  const c = new Float64Array(cols);
  let n = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const v = table[i * cols + j]!;
      r[i]! += v;
      c[j]! += v;
      n += v;
    }
  let sum = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const expected = (r[i]! * c[j]!) / n;
      if (expected > 0) sum += (table[i * cols + j]! - expected) ** 2 / expected;
    }
  return sum;
}

/** Shannon entropy in bits of `counts`, with the Miller–Madow correction for the cells never seen. */
export function entropyMillerMadow(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  let h = 0;
  let present = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    present++;
    h -= (c / n) * Math.log2(c / n);
  }
  return h + (present - 1) / (2 * n * Math.LN2);
}

/** A p-value as a report shows it. */
export function formatP(p: number): string {
  return p === 0 || p < 1e-300 ? "< 1e-300" : p >= 0.001 ? p.toFixed(3) : p.toExponential(1);
}
