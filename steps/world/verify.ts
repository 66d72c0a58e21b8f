/**
 * Shared verifiers. A failure names the requirement checked, what was expected and what the
 * server did, so a report reads without the code. Only a ConformanceFailure is the server's
 * fault: any other error (CannotJudge, a timeout, a harness bug) gives the verdict `error`.
 */
export class ConformanceFailure extends Error {
  override name = "ConformanceFailure";
}

/** The run could not judge: a precondition missed, an unanswered request, a sample too small. */
export class CannotJudge extends Error {
  override name = "CannotJudge";
}

/** Fail the step with a requirement, the expected outcome and the actual one. */
export function fail(requirement: string, expected: string, actual: string): never {
  throw new ConformanceFailure(`${requirement}\n  expected: ${expected}\n  actual:   ${actual}`);
}

/** Fail unless `condition` holds. */
export function check(condition: boolean, requirement: string, expected: string, actual: string): void {
  if (!condition) fail(requirement, expected, actual);
}

/** Stop judging unless `condition` holds: the scenario's precondition was not met. */
export function precondition(condition: boolean, why: string): void {
  if (!condition) throw new CannotJudge(why);
}

/** One case of a requirement (ROBUST-1.3 …), and how the server handled it. */
export interface CaseResult {
  /** Stable id: the requirement's, a dot, and the case's number in its table. */
  id: string;
  title: string;
  passed: boolean;
  expected?: string;
  actual?: string;
}

/** Fail listing every failed case, each with its expected and actual outcome, unless there are none. */
export function checkCases(results: readonly CaseResult[], requirement: string): void {
  const failed = results.filter((r) => !r.passed);
  if (failed.length === 0) return;
  const lines = failed.map((r) => `  - ${r.id} ${r.title}\n      expected: ${r.expected}\n      actual:   ${r.actual}`);
  throw new ConformanceFailure(`${requirement} (${failed.length} of ${results.length} cases)\n${lines.join("\n")}`);
}
