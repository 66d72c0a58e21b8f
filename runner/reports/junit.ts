import type { Builder } from "junit-report-builder";
import type { RunOutcome } from "../run.ts";

/**
 * The CI report: `junit.xml`, one testcase per requirement. A failure is a failure exactly
 * when it fails the exit code (MUST always, SHOULD under --strict); `error` is a JUnit
 * <error>; other verdicts are written to the testcase's output so they stay visible.
 */
export async function junitXml(outcome: RunOutcome, options: { strict: boolean }): Promise<string> {
  // Loaded when the report is written, not at start-up. The package is CommonJS whose types
  // declare an ES default export; at run time the default is the builder.
  const junit = (await import("junit-report-builder")).default as unknown as Builder;
  const builder = junit.newBuilder();
  const suite = builder
    .testSuite()
    .name(`session-conformance: ${outcome.target.name}`)
    .timestamp(outcome.startedAt)
    .time(outcome.durationMs / 1000);
  for (const r of outcome.requirements) {
    const testCase = suite
      .testCase()
      .className(`session-conformance.${r.level}`)
      .name(`${r.id} ${r.title}`)
      .property("verdict", r.verdict);
    const gating = r.verdict === "fail" || (options.strict && r.verdict === "fail-should");
    // As h2spec and WPT report it: the run could not judge, which is neither a pass nor a failure.
    if (r.verdict === "error") testCase.error(r.reason ?? "the run could not judge", "error");
    else if (gating) testCase.failure(r.reason ?? r.verdict, r.verdict);
    else if (r.verdict === "not-applicable") testCase.skipped().standardOutput(`not applicable: ${r.reason ?? ""}`);
    else if (r.verdict !== "pass") testCase.standardOutput(`${r.verdict}: ${r.reason ?? ""}`);
    if (r.measurements.length > 0) testCase.standardOutput(r.measurements.join("\n"));
  }
  return builder.build();
}
