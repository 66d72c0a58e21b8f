/** How binding a requirement is (RFC 2119). */
export type Level = "MUST" | "SHOULD" | "MAY";
export const LEVELS: readonly Level[] = ["MUST", "SHOULD", "MAY"];

/** What the suite concluded about one requirement on one target. */
export type Verdict = "pass" | "fail" | "fail-should" | "fail-may" | "not-applicable";

/** How one scenario ended on one transport. */
export type ScenarioStatus = "passed" | "failed" | "not-applicable";

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
}

/** Requirement ids sort by area, then by number: BASIC-2 before BASIC-10. */
export function compareIds(a: string, b: string): number {
  const [areaA, numA] = a.split("-");
  const [areaB, numB] = b.split("-");
  return areaA === areaB ? Number(numA) - Number(numB) : areaA!.localeCompare(areaB!);
}

/**
 * Fold the outcomes of each requirement's scenario over every transport into one verdict:
 * a failure anywhere fails it, else a pass anywhere passes it, else it does not apply.
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
    if (failed.length > 0) {
      const reason = failed.map((r) => (several ? `over ${r.transport.toUpperCase()}: ${r.reason}` : r.reason)).join("\n");
      return { id, title, level, verdict: failVerdict(level), reason, transports, measurements };
    }
    if (passed) return { id, title, level, verdict: "pass", transports, measurements };
    return { id, title, level, verdict: "not-applicable", reason: runs[0]!.reason, transports, measurements };
  });
  return results.sort((a, b) => compareIds(a.id, b.id));
}

function failVerdict(level: Level): Verdict {
  return level === "MUST" ? "fail" : level === "SHOULD" ? "fail-should" : "fail-may";
}
