import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import pkg from "../package.json" with { type: "json" };
import { BUILT_IN_TARGETS } from "../adapters/index.ts";
import { TargetFileError, TargetUnavailableError } from "../adapters/target.ts";
import { ExitCode, HarnessError } from "./exitCodes.ts";
import { gate, gatedExitCode, gateSummary } from "./gate.ts";
import { junitXml } from "./reports/junit.ts";
import { resultsJson } from "./reports/resultsJson.ts";
import { verdictTable } from "./reports/table.ts";
import type { RequirementResult } from "./requirements.ts";
import { runConformance, type RunOutcome } from "./run.ts";

// Commands load what only they need when they run (matrix, serve, the gate's list), so a plain
// run starts fast.
const program = new Command("session-conformance")
  .description("Check a web server's HTTP sessions against the behaviours Twisted Web documents.")
  .version(pkg.version);

program
  .command("run", { isDefault: true })
  .description("run the conformance suite against a target (the embedded reference server by default)")
  .option("-t, --target <name|file>", `a built-in target (${BUILT_IN_TARGETS.join(", ")}) or a target file (JSON)`, "reference")
  .option("--tags <expression>", 'select requirements by tag, e.g. "@MUST and not @BASIC-7"')
  .option("-r, --report <dir>", "where to write results.json, junit.xml and the HTML reports", "reports")
  .option("--strict", "fail the exit code on SHOULD failures too", false)
  .option("--thorough", "raise the sample sizes of the measured requirements (20,000 session ids for SEC-1/SEC-2, bigger bursts for CONC); slower", false)
  .option(
    "--gate",
    "set the exit code by the target's declared divergences instead of by MUST failures (never automatic): 1 on any verdict they do not predict, in either direction; built-in targets read adapters/<target>/divergences.json, other targets declare none (everything must pass or not apply); --strict does not apply",
    false,
  )
  .option("--divergences <file>", "the divergence list (JSON) to gate against, e.g. for a target file; implies --gate")
  .action(async (options: { target: string; tags?: string; report: string; strict: boolean; thorough: boolean; gate: boolean; divergences?: string }) => {
    const reportDir = resolve(options.report);
    // Read the list first: a bad one should fail before a run, not after.
    const gating = options.gate || options.divergences !== undefined;
    const declared = gating ? await (await import("./divergences.ts")).divergencesFor(options.target, options.divergences) : undefined;
    const outcome = await runConformance({ target: options.target, tags: options.tags, htmlDir: reportDir, thorough: options.thorough });
    const gated = declared && gate(outcome, declared, { partial: options.tags !== undefined });
    const conformance = exitCodeFor(outcome, options.strict);
    const exitCode = gated ? gatedExitCode(gated, conformance) : conformance;
    await mkdir(reportDir, { recursive: true });
    await writeFile(resolve(reportDir, "results.json"), resultsJson(outcome, { ...options, exitCode, gate: gated }));
    await writeFile(resolve(reportDir, "junit.xml"), await junitXml(outcome, options));
    process.stdout.write(`${summary(outcome, conformance, reportDir)}\n${gated ? `${gateSummary(gated)}\n` : ""}`);
    process.exitCode = exitCode;
  });

program
  .command("matrix")
  .description(
    `run every built-in target (${BUILT_IN_TARGETS.join(", ")}), gate each against its declared divergences, and write conformance-matrix.md and .html; exit 1 when a gate fails, or under CI=true when a target is not available`,
  )
  .option("-o, --out <dir>", "where to write the matrix", "docs")
  .action(async (options: { out: string }) => {
    process.exitCode = await (await import("./matrix/writeMatrix.ts")).writeMatrix(resolve(options.out));
  });

program
  .command("serve")
  .description("serve the reference example site for a person to try in a browser")
  .addOption(new Option("-p, --port <n>", "HTTP port").default(8080).argParser(port))
  .option("--host <address>", "address to listen on", "127.0.0.1")
  .addOption(new Option("--https-port <n>", "also serve HTTPS with a throwaway certificate").argParser(port))
  .addOption(new Option("--timeout <seconds>", "idle session timeout").default(900).argParser(positive))
  .option("--manual-clock", "freeze the clock; POST /_clock/advance?seconds=N moves it, GET /_endings lists ended sessions", false)
  .option("--store <url>", "keep sessions in Redis: redis://HOST:PORT or redis-cluster://HOST:PORT,HOST:PORT,… (nodes share SESSION_STORE_SECRET)")
  .action(async (options: { port: number; host: string; httpsPort?: number; timeout: number; manualClock: boolean; store?: string }) => (await import("./serve.ts")).serve(options));

/** 0 when every MUST passed (and every SHOULD, under --strict); 3 when nothing ran. */
export function exitCodeFor(outcome: RunOutcome, strict: boolean): ExitCode {
  const ran = outcome.requirements.filter((r) => r.verdict !== "not-applicable");
  if (ran.length === 0) return ExitCode.NothingRan;
  const gating = (r: RequirementResult) => r.verdict === "fail" || (strict && r.verdict === "fail-should");
  return outcome.requirements.some(gating) ? ExitCode.NotConformant : ExitCode.Conformant;
}

function summary(outcome: RunOutcome, exitCode: ExitCode, reportDir: string): string {
  const count = (...verdicts: string[]) => outcome.requirements.filter((r) => verdicts.includes(r.verdict)).length;
  const target = `${outcome.target.name}${outcome.target.version ? ` (${outcome.target.version})` : ""}`;
  return [
    `session-conformance ${pkg.version}: ${target} over ${outcome.transports.join(" and ").toUpperCase()}, ${(outcome.durationMs / 1000).toFixed(2)} s`,
    ...(outcome.parameters ? [`parameters: ${Object.entries(outcome.parameters).map(([name, value]) => `${name} ${value}`).join(", ")}`] : []),
    "",
    verdictTable(outcome),
    "",
    `reports: ${reportDir}/results.json, junit.xml, cucumber-*.html`,
    exitCode === ExitCode.NothingRan ? "no scenario ran: check --tags and the target's capabilities" : `verdict: ${exitCode === ExitCode.Conformant ? "conformant" : "NOT conformant"}`,
    `requirements: ${count("pass")} passed, ${count("fail", "fail-should", "fail-may")} failed, ${count("not-applicable")} skipped`,
  ].join("\n");
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError("must be a positive number of seconds");
  return n;
}

/** Parse the command line and run; expected failures print one line and exit 2. */
export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const known = error instanceof TargetUnavailableError || error instanceof TargetFileError || error instanceof HarnessError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`session-conformance: ${known ? message : `harness error: ${message.split("\n")[0]}`}\n`);
    if (!known && process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = ExitCode.HarnessError;
  }
}
