import type { Level } from "../lib/levels.ts";

export { LEVELS, type Level } from "../lib/levels.ts";

/**
 * What the suite concluded about one requirement on one target. `error` means the run could not
 * judge (a timeout, a precondition the machine missed, a harness fault): it is never counted as
 * a pass or a fail.
 */
export type Verdict = "pass" | "fail" | "fail-should" | "fail-may" | "not-applicable" | "error";

/** How one scenario ended on one transport. */
export type ScenarioStatus = "passed" | "failed" | "not-applicable" | "error";

/** One case of a scenario (ROBUST-1.3 …), as the steps attached it. */
export interface CaseOutcome {
  id: string;
  title: string;
  passed: boolean;
  expected?: string;
  actual?: string;
}

export interface ScenarioOutcome {
  id: string;
  title: string;
  level: Level;
  transport: string;
  status: ScenarioStatus;
  /** Why it failed or does not apply. */
  reason?: string;
  /** Figures the scenario measured, e.g. estimated bits of entropy. */
  measurements: string[];
  /** The cases the scenario tried, when it tries several. */
  cases: CaseOutcome[];
  /** The wire transcript the steps attached, for a failed scenario. */
  transcript?: string;
}

export interface RequirementResult {
  id: string;
  title: string;
  level: Level;
  verdict: Verdict;
  reason?: string;
  /** The outcome on each transport the requirement ran over. */
  transports: Record<string, { status: ScenarioStatus; reason?: string }>;
  measurements: string[];
  /** Each case on each transport it ran over, e.g. `ROBUST-1.3` over `http`. */
  cases: Array<CaseOutcome & { transport: string }>;
}

/** Requirement ids sort by area, then by number: BASIC-2 before BASIC-10. */
export function compareIds(a: string, b: string): number {
  const [areaA, numA] = a.split("-");
  const [areaB, numB] = b.split("-");
  return areaA === areaB ? Number(numA) - Number(numB) : areaA!.localeCompare(areaB!);
}

/**
 * Fold the outcomes of each requirement's scenario over every transport into one verdict: a
 * failure anywhere fails it; else an error anywhere makes it `error` (a pass elsewhere does not
 * hide a transport the run could not judge); else a pass anywhere passes it; else it does not apply.
 */
export function judge(outcomes: ScenarioOutcome[]): RequirementResult[] {
  const byId = new Map<string, ScenarioOutcome[]>();
  for (const outcome of outcomes) byId.set(outcome.id, [...(byId.get(outcome.id) ?? []), outcome]);
  const results = [...byId.values()].map((runs): RequirementResult => {
    const { id, title, level } = runs[0]!;
    const failed = runs.filter((r) => r.status === "failed");
    const passed = runs.some((r) => r.status === "passed");
    const several = runs.length > 1;
    const transports = Object.fromEntries(runs.map((r) => [r.transport, { status: r.status, reason: r.reason }]));
    const measurements = runs.flatMap((r) => r.measurements.map((m) => (several ? `${r.transport}: ${m}` : m)));
    const cases = runs.flatMap((r) => r.cases.map((c) => ({ ...c, transport: r.transport })));
    const base = { id, title, level, transports, measurements, cases };
    const reasonOf = (picked: ScenarioOutcome[]) =>
      picked.map((r) => (several ? `over ${r.transport.toUpperCase()}: ${r.reason}` : r.reason)).join("\n");
    const errors = runs.filter((r) => r.status === "error");
    if (failed.length > 0) return { ...base, verdict: failVerdict(level), reason: reasonOf(failed) };
    if (errors.length > 0) return { ...base, verdict: "error", reason: reasonOf(errors) };
    if (passed) return { ...base, verdict: "pass" };
    return { ...base, verdict: "not-applicable", reason: runs[0]!.reason };
  });
  return results.sort((a, b) => compareIds(a.id, b.id));
}

function failVerdict(level: Level): Verdict {
  return level === "MUST" ? "fail" : level === "SHOULD" ? "fail-should" : "fail-may";
}

/** A requirement two clients judged differently on the same target: a finding about the suite. */
export interface ClientDisagreement {
  id: string;
  verdicts: Record<string, { verdict: Verdict; reason?: string }>;
}

/** Where the default client's verdicts differ from `client`'s. */
export function disagreements(
  byClient: RequirementResult[],
  byDefault: RequirementResult[],
  client: string,
): ClientDisagreement[] {
  const defaults = new Map(byDefault.map((r) => [r.id, r]));
  return byClient.flatMap((r) => {
    const other = defaults.get(r.id);
    if (!other || other.verdict === r.verdict) return [];
    return [
      {
        id: r.id,
        verdicts: {
          [client]: { verdict: r.verdict, reason: r.reason },
          default: { verdict: other.verdict, reason: other.reason },
        },
      },
    ];
  });
}
