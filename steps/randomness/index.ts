// Interim: the SEC-1/SEC-2 judges over the old estimators, until the per-bit estimators land.
import { describeBattery, describeEstimate, estimateEntropy, randomnessBattery } from "./legacy.ts";

export interface RandomnessJudgement {
  verdict: "pass" | "fail" | "error";
  reason: string;
  figures: string[];
}

export function judgeEntropy(ids: readonly string[], options: { minBits: number; significance: number }): RandomnessJudgement {
  const estimate = estimateEntropy(ids, options.significance);
  const figures = [describeEstimate(estimate, options.minBits, options.significance)];
  const pass = estimate.bits >= options.minBits;
  return { verdict: pass ? "pass" : "fail", reason: `${estimate.bits.toFixed(1)} bits per id, fewer than ${options.minBits}`, figures };
}

export function judgeStructure(ids: readonly string[], options: { significance: number }): RandomnessJudgement {
  const battery = randomnessBattery(ids, options.significance);
  const failed = battery.tests.filter((t) => !t.passed).map((t) => `${t.name} (${t.statistic})`);
  return { verdict: battery.passed ? "pass" : "fail", reason: `failed: ${failed.join("; ")}`, figures: describeBattery(battery) };
}
