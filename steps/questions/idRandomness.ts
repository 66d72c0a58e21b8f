import { judgeEntropy, judgeStructure, type RandomnessJudgement } from "../randomness/index.ts";
import { CannotJudge, check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** Report a randomness judgement's figures, then pass, fail, or say the sample cannot tell. */
function conclude(world: SessionWorld, judgement: RandomnessJudgement, requirement: string, expected: string): void {
  for (const line of judgement.figures) world.measure(line);
  if (judgement.verdict === "error") throw new CannotJudge(judgement.reason);
  check(judgement.verdict === "pass", requirement, expected, judgement.reason);
}

/** SEC-1: the ids carry at least the required bits of entropy, shown with the run's confidence. */
export function expectEnoughEntropy(world: SessionWorld, ids: readonly string[]): void {
  const { minEntropyBits: minBits, significance } = world.thresholds;
  const judgement = judgeEntropy(ids, { minBits, significance });
  conclude(
    world,
    judgement,
    "session ids carry at least 128 bits of entropy (ASVS 5.0 7.2.3)",
    `at least ${minBits} bits per id`,
  );
}

/** SEC-2: the ids show no structure. */
export function expectNoStructure(world: SessionWorld, ids: readonly string[]): void {
  const significance = world.thresholds.structureSignificance;
  conclude(
    world,
    judgeStructure(ids, { significance }),
    "session ids show no structure",
    `no structure at α = ${significance}`,
  );
}
