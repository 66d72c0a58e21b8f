import { relative } from "node:path";
import type { DeclaredDivergences, Divergence } from "./divergences.ts";
import { ExitCode } from "./exitCodes.ts";
import type { RequirementResult } from "./requirements.ts";
import type { RunOutcome } from "./run.ts";

/** A verdict the declared divergences did not predict, in either direction. */
export interface UnexpectedVerdict {
  id: string;
  /** What the divergence list predicts, e.g. `fail` or `pass or not-applicable`. */
  expected: string;
  /** What the run gave, e.g. `pass`, `fail-may`, `did not run`. */
  actual: string;
  /** The first line of the run's reason, when it gave one. */
  detail?: string;
}

/** Whether a run gave exactly the verdicts its target declares. */
export interface GateOutcome extends DeclaredDivergences {
  passed: boolean;
  unexpected: UnexpectedVerdict[];
}

export interface GateOptions {
  /** The run was narrowed by --tags: a declared requirement that did not run is not reported. */
  partial?: boolean;
}

/**
 * Compare a run's verdicts with the declared divergences: a requirement not listed must pass or
 * not apply; a listed one must have exactly its declared verdict, failing over exactly its
 * declared transports (by default every transport it ran over). A declared failure that now
 * passes is unexpected too: the list must be updated when an implementation gets fixed.
 */
export function gate(
  outcome: Pick<RunOutcome, "requirements">,
  declared: DeclaredDivergences,
  options: GateOptions = {},
): GateOutcome {
  const byId = new Map(declared.divergences.map((d) => [d.id, d]));
  const unexpected = outcome.requirements.flatMap((r) => check(r, byId.get(r.id)) ?? []);
  const ran = new Set(outcome.requirements.map((r) => r.id));
  if (!options.partial) {
    for (const d of declared.divergences)
      if (!ran.has(d.id))
        unexpected.push({
          id: d.id,
          expected: d.verdict,
          actual: "did not run",
        });
  }
  return { ...declared, passed: unexpected.length === 0, unexpected };
}

function check(r: RequirementResult, declared: Divergence | undefined): UnexpectedVerdict | undefined {
  const detail = r.reason?.split("\n")[0];
  if (!declared) {
    if (r.verdict === "pass" || r.verdict === "not-applicable") return undefined;
    return {
      id: r.id,
      expected: "pass or not-applicable",
      actual: r.verdict,
      detail,
    };
  }
  if (r.verdict !== declared.verdict) return { id: r.id, expected: declared.verdict, actual: r.verdict, detail };
  // The verdict folds every transport; a divergence that moved between transports is news.
  const ranOver = Object.keys(r.transports).filter((t) => r.transports[t]!.status !== "not-applicable");
  const failedOver = ranOver.filter((t) => r.transports[t]!.status === "failed");
  const expectedOver = declared.transports ?? ranOver;
  if (sameSet(failedOver, expectedOver)) return undefined;
  return {
    id: r.id,
    expected: `${declared.verdict} ${over(expectedOver)}`,
    actual: `${r.verdict} ${over(failedOver)}`,
    detail,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function over(transports: readonly string[]): string {
  return `over ${transports.map((t) => t.toUpperCase()).join(" and ") || "no transport"}`;
}

/**
 * Under --gate: 3 still when nothing ran (`plain`); 0 when every verdict was as declared; 4 when
 * the only unexpected verdicts are `error` (the run could not judge, and nothing else moved); else 1.
 */
export function gatedExitCode(outcome: GateOutcome, plain: ExitCode): ExitCode {
  if (plain === ExitCode.NothingRan) return plain;
  if (outcome.passed) return ExitCode.Conformant;
  return outcome.unexpected.every((u) => u.actual === "error") ? ExitCode.CouldNotJudge : ExitCode.NotConformant;
}

/** The lines the CLI prints after the verdict table. */
export function gateSummary(outcome: GateOutcome): string {
  const source = outcome.file ? `, from ${shortPath(outcome.file)}` : "";
  const declared = `${outcome.divergences.length} declared divergence${outcome.divergences.length === 1 ? "" : "s"}${source}`;
  if (outcome.passed) return `gate: passed: every verdict as declared (${declared})`;
  const lines = outcome.unexpected.map(
    (u) => `  ${u.id}: expected ${u.expected}, got ${u.actual}${u.detail ? ` (${u.detail})` : ""}`,
  );
  return [
    `gate: FAILED: ${outcome.unexpected.length} unexpected verdict${outcome.unexpected.length === 1 ? "" : "s"} (${declared})`,
    ...lines,
  ].join("\n");
}

/** A path inside the working directory, relative to it; any other path as it is. */
function shortPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside && !inside.startsWith("..") ? inside : file;
}
