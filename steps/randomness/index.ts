/** SEC-1 and SEC-2's judgements of a sample of session ids; see README.md beside this file. */
export { judgeEntropy } from "./entropy.ts";
export type { RandomnessJudgement } from "./judgement.ts";
export { judgeStructure } from "./structure.ts";
