/** The process exit codes of `session-conformance`, stable for CI gates. */
export const ExitCode = {
  /** Every MUST passed (and, with --strict, every SHOULD). */
  Conformant: 0,
  /** A MUST failed (or, with --strict, a SHOULD); under --gate and for `matrix`: a verdict other than the declared divergences. */
  NotConformant: 1,
  /** The target could not be started or reached, or the harness itself failed. */
  HarnessError: 2,
  /** No scenario ran: the tag filter matched nothing, or nothing applied to the target. */
  NothingRan: 3,
  /**
   * No MUST failed (nor, with --strict, a SHOULD), but the run could not judge a requirement: its
   * verdict is `error` (a timeout, a missed precondition, a harness fault). Never read as a pass.
   */
  CouldNotJudge: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure of the run itself, reported in one line with exit code 2. */
export class HarnessError extends Error {
  override name = "HarnessError";
}
