import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { BUILT_IN_TARGETS, MATRIX_TARGETS } from "../adapters/index.ts";
import { TargetFileError, TargetUnavailableError } from "../adapters/target.ts";
import pkg from "../package.json" with { type: "json" };
import { ExitCode, HarnessError } from "./exitCodes.ts";
import type { RequirementResult } from "./requirements.ts";
import type { RunOutcome } from "./run.ts";

// Each command loads what it needs when it runs (cucumber and the steps only for a run), so
// --help, init and serve start at once.
const program = new Command("session-conformance")
  .description("Check a web server's HTTP sessions against the behaviours Twisted Web documents.")
  .version(pkg.version)
  // A usage error exits 2 (commander's own is 1, which a CI gate would read as "not conformant").
  .exitOverride();

program
  .command("run", { isDefault: true })
  .description("run the conformance suite against a target (the embedded reference server by default)")
  .option(
    "-t, --target <name|file>",
    `a built-in target (${BUILT_IN_TARGETS.join(", ")}) or a target file (JSON)`,
    "reference",
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
  .option("--divergences <file>", "the divergence list (JSON) to gate against, e.g. for a target file; implies --gate")
  .addOption(
    new Option("--client <client>", "the client the steps browse with: undici with a cookie jar, or Chromium")
      .choices(["default", "chromium"])
      .default("default"),
  )
  .option("--json", "print results.json to stdout (the summary goes to stderr)", false)
  .action(async (options: RunCommandOptions) => {
    const reportDir = resolve(options.report);
    // Read the list first: a bad one should fail before a run, not after.
    const gating = options.gate || options.divergences !== undefined;
    const declared = gating
      ? await (await import("./divergences.ts")).divergencesFor(options.target, options.divergences)
      : undefined;
    const [
      { runConformance },
      { gate, gatedExitCode, gateSummary },
      { actionLines, isLiveTerminal, Progress, writeTranscripts },
      { resultsJson },
      { junitXml },
    ] = await Promise.all([
      import("./run.ts"),
      import("./gate.ts"),
      import("./console.ts"),
      import("./reports/resultsJson.ts"),
      import("./reports/junit.ts"),
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
    const { verdictTable } = await import("./reports/table.ts");
    const human = [
      summary(outcome, conformance, reportDir, verdictTable(outcome)),
      ...(gated ? [gateSummary(gated)] : []),
      ...actionLines(outcome, transcripts),
    ].join("\n");
    if (options.json) {
      process.stderr.write(`${human}\n`);
      process.stdout.write(results);
    } else process.stdout.write(`${human}\n`);
    process.exitCode = exitCode;
  });

interface RunCommandOptions {
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

program
  .command("init")
  .argument("[url]", "the page of your running server that shows the session id", "http://127.0.0.1:8080/")
  .description(
    "probe your running server, write a commented target file for it (JSONC), and check the file against the server; exit 2 when a check fails",
  )
  .option("-o, --out <file>", "the target file to write; an existing one is checked, not overwritten", "target.jsonc")
  .option("--force", "overwrite an existing target file", false)
  .option("--name <name>", "the name shown in reports (default: the URL's host)")
  .addOption(new Option("--timeout <seconds>", "your server's idle session timeout").argParser(positive))
  .action(async (url: string, options: { out: string; force: boolean; name?: string; timeout?: number }) => {
    const passed = await (await import("./init.ts")).init(url, options, (line) => process.stdout.write(`${line}\n`));
    process.exitCode = passed ? ExitCode.Conformant : ExitCode.HarnessError;
  });

program
  .command("matrix")
  .description(
    `run every implementation of the matrix (${MATRIX_TARGETS.join(", ")}), gate each against its declared divergences, and write conformance-matrix.md and .html; exit 1 when a gate fails, or under CI=true when a target is not available`,
  )
  .option("-o, --out <dir>", "where to write the matrix", "docs")
  .addOption(
    new Option(
      "--client <client>",
      "the client every column browses with (chromium writes conformance-matrix-chromium.*)",
    )
      .choices(["default", "chromium"])
      .default("default"),
  )
  .option("--tags <expression>", 'run only these requirements in every column, e.g. "@COOKIE-2 or @BASIC-7"')
  .action(async (options: { out: string; client: "default" | "chromium"; tags?: string }) => {
    const run = { client: options.client, tags: options.tags };
    process.exitCode = await (await import("./matrix/writeMatrix.ts")).writeMatrix(resolve(options.out), { run });
  });

program
  .command("serve")
  .description("serve the reference example site for a person to try in a browser")
  .addOption(new Option("-p, --port <n>", "HTTP port").default(8080).argParser(port))
  .option("--host <address>", "address to listen on", "127.0.0.1")
  .addOption(new Option("--https-port <n>", "also serve HTTPS with a throwaway certificate").argParser(port))
  .addOption(new Option("--timeout <seconds>", "idle session timeout").default(900).argParser(positive))
  .option(
    "--manual-clock",
    "freeze the clock; POST /_clock/advance?seconds=N moves it, GET /_endings lists ended sessions",
    false,
  )
  .option(
    "--store <url>",
    "keep sessions in Redis: redis://HOST:PORT or redis-cluster://HOST:PORT,HOST:PORT,… (nodes share SESSION_STORE_SECRET)",
  )
  .addOption(
    new Option("--nodes <n>", "serve that many nodes on ports --port, --port + 1, …, sharing --store")
      .default(1)
      .argParser(positiveInteger),
  )
  .action(
    async (options: {
      port: number;
      host: string;
      httpsPort?: number;
      timeout: number;
      manualClock: boolean;
      store?: string;
      nodes: number;
    }) => (await import("./serve.ts")).serve(options),
  );

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

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number, 1 or more");
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError("must be a positive number of seconds");
  return n;
}

/** Parse the command line and run; usage errors and expected failures print one line and exit 2. */
export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help, or the version: exit code 0).
      process.exitCode = error.exitCode === 0 ? 0 : ExitCode.HarnessError;
      return;
    }
    const known =
      error instanceof TargetUnavailableError || error instanceof TargetFileError || error instanceof HarnessError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`session-conformance: ${known ? message : `harness error: ${message.split("\n")[0]}`}\n`);
    if (!known && process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = ExitCode.HarnessError;
  }
}
