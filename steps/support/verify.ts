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
