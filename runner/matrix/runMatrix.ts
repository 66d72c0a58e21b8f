import { readFile } from "node:fs/promises";
import { BUILT_IN_TARGETS } from "../../adapters/index.ts";
import { TargetUnavailableError } from "../../adapters/target.ts";
import { divergencesFor } from "../divergences.ts";
import { gate, type GateOutcome } from "../gate.ts";
import { runConformance, type RunOutcome } from "../run.ts";

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
}

export interface Matrix {
  generatedAt: Date;
  columns: MatrixColumn[];
  /** Why the matrix run fails: gates that failed and, under CI, targets that were missing. */
  failures: string[];
}

export interface MatrixOptions {
  /** The targets to run, in column order (default: every built-in target). */
  targets?: string[];
  /** Under CI a missing real server is a failure, never a silent skip. */
  ci?: boolean;
  /** Told one line per finished target. */
  onColumn?: (column: MatrixColumn, line: string) => void;
}

/** Adapters that share another's folder and notes (koa-session-store is koa-session in store mode). */
const NOTES_FOLDER: Record<string, string> = { "koa-session-store": "koa-session" };

/** Whether the environment says we run under CI (`CI=true`, as CI services set it). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return ["true", "1"].includes((env.CI ?? "").toLowerCase());
}

/**
 * Run every target one after another, gate each against its declared divergences, and collect
 * the columns of the conformance matrix.
 * @throws HarnessError or DivergenceFileError: a bug in the suite or a bad list, not a verdict
 */
export async function runMatrix(options: MatrixOptions = {}): Promise<Matrix> {
  const generatedAt = new Date();
  const columns: MatrixColumn[] = [];
  const failures: string[] = [];
  for (const target of options.targets ?? BUILT_IN_TARGETS) {
    const column = await runColumn(target);
    columns.push(column);
    if (column.gate && !column.gate.passed) failures.push(`${target}: gate failed on ${column.gate.unexpected.map((u) => u.id).join(", ")}`);
    if (column.unavailable && options.ci) failures.push(`${target}: ${column.unavailable} (under CI every target must run)`);
    options.onColumn?.(column, describeColumn(column));
  }
  return { generatedAt, columns, failures };
}

async function runColumn(target: string): Promise<MatrixColumn> {
  const declared = await divergencesFor(target);
  const notes = await readNotes(target);
  try {
    const outcome = await runConformance({ target });
    return { target, version: outcome.target.version, outcome, gate: gate(outcome, declared), notes };
  } catch (error) {
    if (!(error instanceof TargetUnavailableError)) throw error;
    return { target, unavailable: unavailableText(target, error.message), notes };
  }
}

/** `twisted: not available: install …` → `not available: install …`; other causes get the prefix. */
function unavailableText(target: string, message: string): string {
  const why = message.startsWith(`${target}: `) ? message.slice(target.length + 2) : message;
  return why.startsWith("not available") ? why : `not available: ${why}`;
}

async function readNotes(target: string): Promise<string | undefined> {
  const url = new URL(`../../adapters/${NOTES_FOLDER[target] ?? target}/NOTES.md`, import.meta.url);
  return readFile(url, "utf8").catch(() => undefined);
}

function describeColumn(column: MatrixColumn): string {
  if (!column.gate || !column.outcome) return `${column.target}: ${column.unavailable}`;
  const seconds = (column.outcome.durationMs / 1000).toFixed(2);
  const verdict = column.gate.passed ? `gate passed (${column.gate.divergences.length} declared)` : `gate FAILED on ${column.gate.unexpected.map((u) => u.id).join(", ")}`;
  return `${column.target} (${column.version ?? "version unknown"}): ${verdict}, ${seconds} s`;
}
