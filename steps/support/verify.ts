/**
 * Shared verifiers: each failure names the requirement checked, what was expected and what
 * the server did, so a report reads without the code.
 */
export class ConformanceFailure extends Error {
  override name = "ConformanceFailure";
}

/** Fail the step with a requirement, the expected outcome and the actual one. */
export function fail(requirement: string, expected: string, actual: string): never {
  throw new ConformanceFailure(`${requirement}\n  expected: ${expected}\n  actual:   ${actual}`);
}

/** Fail unless `condition` holds. */
export function check(condition: boolean, requirement: string, expected: string, actual: string): void {
  if (!condition) fail(requirement, expected, actual);
}

/** One case of many in which the server did something other than expected. */
export interface Deviation {
  /** The case, e.g. "an unbalanced quote". */
  what: string;
  expected: string;
  actual: string;
}

/** Fail listing every deviation, each with its expected and actual outcome, unless there are none. */
export function checkAll(deviations: readonly Deviation[], requirement: string, cases: number): void {
  if (deviations.length === 0) return;
  const lines = deviations.map((d) => `  - ${d.what}\n      expected: ${d.expected}\n      actual:   ${d.actual}`);
  const failing = new Set(deviations.map((d) => d.what)).size;
  throw new ConformanceFailure(`${requirement} (${failing} of ${cases} cases)\n${lines.join("\n")}`);
}
