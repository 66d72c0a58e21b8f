import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { BUILT_IN_TARGETS } from "../../adapters/index.ts";
import pkg from "../../package.json" with { type: "json" };
import { ExitCode } from "../exitCodes.ts";
import type { RequirementResult } from "../requirements.ts";
import type { RunOutcome } from "../run.ts";

/** The options of a run, shared by `run` and `ci`. */
export interface RunCommandOptions {
  target: string;
  tags?: string;
  report: string;
  strict: boolean;
  thorough: boolean;
  gate: boolean;
  divergences?: string;
  client: "default" | "chromium";
  json: boolean;
}

/** Declare a run's options on `command` (`run`, and `ci`, which runs the same way). */
export function withRunOptions(command: Command, defaultTarget: string | undefined = "reference"): Command {
  return command
    .option(
      "-t, --target <name|file>",
      `a built-in target (${BUILT_IN_TARGETS.join(", ")}) or a target file (JSON)`,
      defaultTarget,
    )
    .option("--tags <expression>", 'select requirements by tag, e.g. "@MUST and not @BASIC-7"')
    .option("-r, --report <dir>", "where to write results.json, junit.xml and the HTML reports", "reports")
    .option("--strict", "fail the exit code on SHOULD failures too", false)
    .option(
      "--thorough",
      "raise the sample sizes of the measured requirements (20,000 session ids for SEC-1/SEC-2, bigger bursts for CONC); slower",
      false,
    )
    .option(
      "--gate",
      "set the exit code by the target's declared divergences instead of by MUST failures (never automatic): 1 on any verdict they do not predict, in either direction; built-in targets read adapters/<target>/divergences.json, other targets declare none (everything must pass or not apply); --strict does not apply",
      false,
    )
    .option(
      "--divergences <file>",
      "the divergence list (JSON) to gate against, e.g. for a target file; implies --gate",
    )
    .addOption(
      new Option("--client <client>", "the client the steps browse with: undici with a cookie jar, or Chromium")
        .choices(["default", "chromium"])
        .default("default"),
    )
    .option("--json", "print results.json to stdout (the summary goes to stderr)", false);
}

export function registerRun(program: Command): void {
  withRunOptions(
    program
      .command("run", { isDefault: true })
      .description("run the conformance suite against a target (the embedded reference server by default)"),
  ).action(async (options: RunCommandOptions) => {
    process.exitCode = await runCommand(options);
  });
}

/** Run the suite, write the reports, print the summary; the exit code it returns is the verdict's. */
export async function runCommand(options: RunCommandOptions): Promise<ExitCode> {
  const reportDir = resolve(options.report);
  // Read the list first: a bad one should fail before a run, not after.
  const gating = options.gate || options.divergences !== undefined;
  const declared = gating
    ? await (await import("../divergences.ts")).divergencesFor(options.target, options.divergences)
    : undefined;
  const [
    { runConformance },
    { gate, gatedExitCode, gateSummary },
    { actionLines, isLiveTerminal, Progress, writeTranscripts },
    { resultsJson },
    { junitXml },
  ] = await Promise.all([
    import("../run.ts"),
    import("../gate.ts"),
    import("../console.ts"),
    import("../reports/resultsJson.ts"),
    import("../reports/junit.ts"),
  ]);
  const progress = new Progress(process.stderr, isLiveTerminal(process.stderr));
  const outcome = await runConformance({
    target: options.target,
    tags: options.tags,
    htmlDir: reportDir,
    thorough: options.thorough,
    client: options.client,
    onMessage: progress.onMessage,
  });
  const gated = declared && gate(outcome, declared, { partial: options.tags !== undefined });
  const conformance = exitCodeFor(outcome, options.strict);
  const exitCode = gated ? gatedExitCode(gated, conformance) : conformance;
  await mkdir(reportDir, { recursive: true });
  const results = resultsJson(outcome, { ...options, exitCode, gate: gated });
  await writeFile(resolve(reportDir, "results.json"), results);
  await writeFile(resolve(reportDir, "junit.xml"), await junitXml(outcome, options));
  const transcripts = await writeTranscripts(outcome, reportDir);
  const { verdictTable } = await import("../reports/table.ts");
  const human = [
    summary(outcome, conformance, reportDir, verdictTable(outcome)),
    ...(gated ? [gateSummary(gated)] : []),
    ...actionLines(outcome, transcripts),
  ].join("\n");
  if (options.json) {
    process.stderr.write(`${human}\n`);
    process.stdout.write(results);
  } else process.stdout.write(`${human}\n`);
  return exitCode;
}

/**
 * 3 when nothing ran (every requirement not applicable); else 1 when a MUST failed (a SHOULD too,
 * under --strict), whatever else happened; else 4 when any requirement's verdict is `error`;
 * else 0.
 */
export function exitCodeFor(outcome: Pick<RunOutcome, "requirements">, strict: boolean): ExitCode {
  const ran = outcome.requirements.filter((r) => r.verdict !== "not-applicable");
  if (ran.length === 0) return ExitCode.NothingRan;
  const gating = (r: RequirementResult) => r.verdict === "fail" || (strict && r.verdict === "fail-should");
  if (outcome.requirements.some(gating)) return ExitCode.NotConformant;
  return outcome.requirements.some(isError) ? ExitCode.CouldNotJudge : ExitCode.Conformant;
}

const isError = (r: RequirementResult): boolean => r.verdict === "error";

const VERDICT_LINE: Partial<Record<ExitCode, string>> = {
  [ExitCode.Conformant]: "conformant",
  [ExitCode.NotConformant]: "NOT conformant",
  [ExitCode.CouldNotJudge]: "not judged: some requirements could not be judged (verdict error), and none failed",
};

function summary(outcome: RunOutcome, exitCode: ExitCode, reportDir: string, table: string): string {
  const count = (...verdicts: string[]) => outcome.requirements.filter((r) => verdicts.includes(r.verdict)).length;
  const target = `${outcome.target.name}${outcome.target.version ? ` (${outcome.target.version})` : ""}`;
  return [
    `session-conformance ${pkg.version}: ${target} over ${outcome.transports.join(" and ").toUpperCase()}, ${(outcome.durationMs / 1000).toFixed(2)} s`,
    ...(outcome.parameters
      ? [
          `parameters: ${Object.entries(outcome.parameters)
            .map(([name, value]) => `${name} ${value}`)
            .join(", ")}`,
        ]
      : []),
    "",
    table,
    "",
    ...outcome.clientDisagreements.map(
      (d) =>
        `client disagreement on ${d.id}: ${Object.entries(d.verdicts)
          .map(([client, v]) => `${client} ${v.verdict}`)
          .join(", ")}`,
    ),
    `reports: ${reportDir}/results.json, junit.xml, cucumber-*.html`,
    exitCode === ExitCode.NothingRan
      ? "no scenario ran: check --tags and the target's capabilities"
      : `verdict: ${VERDICT_LINE[exitCode]}`,
    `requirements: ${count("pass")} passed, ${count("fail", "fail-should", "fail-may")} failed, ${count("error") ? `${count("error")} could not be judged, ` : ""}${count("not-applicable")} skipped`,
  ].join("\n");
}
