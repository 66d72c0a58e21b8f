import pkg from "../../package.json" with { type: "json" };
import type { GateOutcome } from "../gate.ts";
import type { Verdict } from "../requirements.ts";
import type { RunOutcome } from "../run.ts";

/** The machine-readable report: `results.json`; `gate` is null unless the run was gated (--gate). */
export function resultsJson(
  outcome: RunOutcome,
  options: {
    strict: boolean;
    thorough?: boolean;
    tags?: string;
    exitCode: number;
    gate?: GateOutcome;
  },
): string {
  const counts: Record<Verdict, number> = {
    pass: 0,
    fail: 0,
    "fail-should": 0,
    "fail-may": 0,
    "not-applicable": 0,
    error: 0,
  };
  for (const r of outcome.requirements) counts[r.verdict]++;
  return `${JSON.stringify(
    {
      suite: { name: pkg.name, version: pkg.version },
      target: outcome.target,
      transports: outcome.transports,
      startedAt: outcome.startedAt.toISOString(),
      durationMs: outcome.durationMs,
      options: {
        strict: options.strict,
        thorough: options.thorough ?? false,
        tags: options.tags ?? null,
      },
      parameters: outcome.parameters ?? null,
      exitCode: options.exitCode,
      summary: counts,
      client: outcome.client,
      clientDisagreements: outcome.clientDisagreements,
      gate: options.gate
        ? {
            passed: options.gate.passed,
            divergencesFile: options.gate.file ?? null,
            divergences: options.gate.divergences,
            unexpected: options.gate.unexpected,
          }
        : null,
      requirements: outcome.requirements.map((r) => ({
        id: r.id,
        title: r.title,
        level: r.level,
        verdict: r.verdict,
        reason: r.reason ?? null,
        transports: r.transports,
        measurements: r.measurements,
        cases: r.cases,
      })),
    },
    null,
    2,
  )}\n`;
}
