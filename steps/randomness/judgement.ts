/** What SEC-1 and SEC-2 return, and the checks both make before judging a sample. */
import type { Sample } from "./sample.ts";

export interface RandomnessJudgement {
  /** error = the sample cannot say (too small, too few distinct ids, undecodable alphabet); never a pass or a fail. */
  verdict: "pass" | "fail" | "error";
  /** One line, used as the failure or error reason. */
  reason: string;
  /** Report lines: the tests, sample size, significance, estimate and bound, false-failure rate, smallest defect detected. */
  figures: string[];
}

/** The fewest ids judged at all; each symbol seen at a position must also expect ≥ 5 ids. */
export const MIN_SAMPLE = 200;

/** Why `sample` cannot be judged, or undefined when it can. */
export function sampleProblem(sample: Sample | undefined): string | undefined {
  if (!sample) return "the ids use more than 255 different symbols: no alphabet to decode them by";
  if (sample.count < MIN_SAMPLE) return `${sample.count} ids are too few to judge (at least ${MIN_SAMPLE})`;
  if (sample.distinct < 2 || sample.positions.length === 0)
    return `all ${sample.count} ids are the same: the sample cannot say (was each visitor a fresh client?)`;
  const widest = Math.max(...sample.positions.map((p) => p.size));
  if (sample.count < 5 * widest)
    return `${sample.count} ids are too few for characters of ${widest} symbols (at least ${5 * widest})`;
  return undefined;
}

export function error(reason: string): RandomnessJudgement {
  return { verdict: "error", reason, figures: [reason] };
}

/** Pairs of equal ids in the sample: Σ c(c−1)/2 over ids seen c times. */
export function repeatedPairs(ids: readonly string[]): number {
  const seen = new Map<string, number>();
  let pairs = 0;
  for (const id of ids) {
    const c = seen.get(id) ?? 0;
    pairs += c;
    seen.set(id, c + 1);
  }
  return pairs;
}

/** Bits the ids have room for: log2 of the number of symbols seen, summed over the varying positions. */
export function capacity(sample: Sample): number {
  return sample.positions.reduce((s, p) => s + Math.log2(p.size), 0);
}

export function describeSample(sample: Sample): string {
  const lengths =
    sample.length === sample.longest
      ? `${sample.length} characters`
      : `${sample.length}–${sample.longest} characters (the first ${sample.length} analysed)`;
  return `sample: ${sample.count} ids (${sample.distinct} distinct) of ${lengths}, ${sample.alphabet.name} alphabet; ${sample.positions.length} characters vary, ${sample.constant} never do (fixed: no entropy, not structure); room for ${capacity(sample).toFixed(1)} bits (log2 of the symbols seen, per character)`;
}

export const bits = (x: number) => `${x.toFixed(1)} bits`;
