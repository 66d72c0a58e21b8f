import { type ChildProcess, fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MATRIX_TARGETS } from "../../adapters/index.ts";
import { HarnessError } from "../exitCodes.ts";
import type { GateOutcome } from "../gate.ts";
import type { RunOutcome } from "../run.ts";
import type { ChildMessage } from "./child.ts";
import type { ColumnProgress, ColumnRun } from "./column.ts";

/** One implementation's column: a real run, or why there was none. */
export interface MatrixColumn {
  /** The built-in target name, e.g. `twisted`. */
  target: string;
  /** The implementation and version as the started Target reports it. */
  version?: string;
  /** Set when the target could not be started, e.g. `not available: install python3-twisted …`. */
  unavailable?: string;
  outcome?: RunOutcome;
  gate?: GateOutcome;
  /** The adapter's NOTES.md (deviations from defaults, fixes), when it has one. */
  notes?: string;
  /** The column's run was stopped at its time limit (a hang): a failure, wherever it runs. */
  timedOut?: boolean;
}

export interface Matrix {
  generatedAt: Date;
  columns: MatrixColumn[];
  /** Why the matrix run fails: gates that failed and, under CI, targets that were missing. */
  failures: string[];
  /** Wall time of the whole matrix, in milliseconds. */
  durationMs?: number;
  /** Each requirement's scenario as a link from the pages (see scenarios.ts). */
  scenarioLinks?: Map<string, string>;
  /** The client and requirements every column ran with, as `matrix --client --tags` gave them. */
  run?: ColumnRun;
}

/** What the matrix tells its watcher while it runs. */
export type MatrixEvent =
  | { type: "start"; target: string }
  | ({ type: "progress"; target: string } & ColumnProgress)
  | { type: "done"; target: string; column: MatrixColumn; line: string };

export interface MatrixOptions {
  /** The targets to run, in column order (default: every built-in target). */
  targets?: string[];
  /** Under CI a missing real server is a failure, never a silent skip. */
  ci?: boolean;
  /** Columns run at once, each in a child process (default: one per core plus one, at most 3). */
  jobs?: number;
  /**
   * How long one column may run before it is taken for hung, stopped, and failed (default 10
   * min; a column takes 7 to 110 s on a quiet 2-core machine). A bound on a hang, not a speed
   * goal: a loaded machine must not turn slowness into a failure.
   */
  columnLimitMs?: number;
  /** Told of every column's start, progress and end. */
  onEvent?: (event: MatrixEvent) => void;
  /** The client and the requirements each column runs with (default: the default client, every requirement). */
  run?: ColumnRun;
}

/** A column's time limit: over five times the longest column's quiet run, so only a hang reaches it. */
const COLUMN_LIMIT_MS = 600_000;

/** The installed package runs compiled JavaScript; a checkout runs the sources through tsx. */
const COMPILED = import.meta.url.endsWith(".js");
const CHILD = fileURLToPath(new URL(COMPILED ? "./child.js" : "./child.ts", import.meta.url));
/** Resolved here, not from the cwd, so the matrix runs from any directory. */
const EXEC_ARGV = COMPILED ? [] : ["--import", import.meta.resolve("tsx")];

/**
 * Columns that take longest, started first so the matrix does not end waiting on one of them:
 * two transports, Python's cost per request, or timeouts waited in real time.
 */
const SLOW_FIRST = [
  "tomcat",
  "rack",
  "reference-cluster-quick",
  "express-session-redis",
  "go-cookiestore",
  "go-filesystemstore",
  "django",
  "flask",
  "twisted",
  "php",
  "reference",
];

/** The order to start `targets` in: the known slow ones first, the rest as given. */
export function startOrder(targets: readonly string[]): string[] {
  const rank = (t: string) => (SLOW_FIRST.includes(t) ? SLOW_FIRST.indexOf(t) : SLOW_FIRST.length);
  return [...targets].sort((a, b) => rank(a) - rank(b));
}

/** Whether the environment says we run under CI (`CI=true`, as CI services set it). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return ["true", "1"].includes((env.CI ?? "").toLowerCase());
}

/** Columns at once: each drives real servers, so a 2-core machine runs three (two of them mostly wait). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(3, availableParallelism() + 1));
}

/**
 * Run every target, `jobs` at a time, each in a child process of its own (a run drives one
 * target per process), gate each against its declared divergences, and collect the columns in
 * the order the targets were given.
 * @throws HarnessError: a column's run hit a bug in the suite or a bad divergence list
 */
export async function runMatrix(options: MatrixOptions = {}): Promise<Matrix> {
  const generatedAt = new Date();
  const targets = options.targets ?? MATRIX_TARGETS;
  const limitMs = options.columnLimitMs ?? COLUMN_LIMIT_MS;
  const columns = new Map<string, MatrixColumn>();
  const queue = startOrder(targets);
  const worker = async () => {
    for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
      options.onEvent?.({ type: "start", target });
      const column = await runChild(
        target,
        limitMs,
        (progress) => options.onEvent?.({ type: "progress", target, ...progress }),
        options.run,
      );
      columns.set(target, column);
      options.onEvent?.({
        type: "done",
        target,
        column,
        line: describeColumn(column),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs ?? defaultJobs(), targets.length) }, worker));
  const ordered = targets.map((t) => columns.get(t)!);
  return {
    generatedAt,
    columns: ordered,
    failures: matrixFailures(ordered, options.ci),
    durationMs: Date.now() - generatedAt.getTime(),
    run: options.run,
  };
}

/** Why the matrix fails: gates that failed, client disagreements, columns out of time, and (under CI) missing targets. */
export function matrixFailures(columns: readonly MatrixColumn[], ci = false): string[] {
  const failures: string[] = [];
  for (const column of columns) {
    if (column.gate && !column.gate.passed)
      failures.push(`${column.target}: gate failed on ${column.gate.unexpected.map((u) => u.id).join(", ")}`);
    // A browser judging otherwise than the default client is a finding about the suite itself.
    const disagreeing = column.outcome?.clientDisagreements ?? [];
    if (disagreeing.length > 0)
      failures.push(`${column.target}: client disagreement on ${disagreeing.map((d) => d.id).join(", ")}`);
    if (column.timedOut) failures.push(`${column.target}: ${column.unavailable}`);
    else if (column.unavailable && ci)
      failures.push(`${column.target}: ${column.unavailable} (under CI every target must run)`);
  }
  return failures;
}

/** Children still running, so an interrupted matrix stops their servers too. */
const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => killGroup(child, "SIGKILL")));

/** Run one column in a child process in a group of its own, stopped with its servers after `limitMs`. */
function runChild(
  target: string,
  limitMs: number,
  onProgress: (progress: ColumnProgress) => void,
  run: ColumnRun | undefined,
): Promise<MatrixColumn> {
  const child = fork(CHILD, [target, JSON.stringify(run ?? {})], {
    execArgv: EXEC_ARGV,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    serialization: "advanced", // keeps the Dates of a RunOutcome
    detached: true, // its own process group: the servers it starts go with it
  });
  running.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  let result: ChildMessage | undefined;
  child.on("message", (message: ChildMessage) =>
    message.type === "progress" ? onProgress(message) : (result = message),
  );
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    killGroup(child, "SIGTERM");
    setTimeout(() => killGroup(child, "SIGKILL"), 2000).unref();
  }, limitMs);
  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (result?.type === "column") return resolve(result.column);
      if (late)
        return resolve({
          target,
          unavailable: `did not finish within ${limitMs / 1000} s: stopped as hung`,
          timedOut: true,
        });
      const why =
        result?.type === "error"
          ? result.message
          : `its run exited (${signal ?? `code ${code}`}): ${stderr.trim().split("\n").at(-1) ?? ""}`;
      reject(new HarnessError(`matrix column ${target}: ${why}`));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** One line per finished column, for logs and the progress display. */
export function describeColumn(column: MatrixColumn): string {
  if (!column.gate || !column.outcome) return `${column.target}: ${column.unavailable}`;
  const seconds = (column.outcome.durationMs / 1000).toFixed(1);
  const verdict = column.gate.passed
    ? `gate passed (${column.gate.divergences.length} declared)`
    : `gate FAILED on ${column.gate.unexpected.map((u) => u.id).join(", ")}`;
  return `${column.target} (${column.version ?? "version unknown"}): ${verdict}, ${seconds} s`;
}
