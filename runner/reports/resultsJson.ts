import pkg from "../../package.json" with { type: "json" };
import type { RunOutcome } from "../run.ts";
import type { Verdict } from "../requirements.ts";

/** The machine-readable report: `results.json`. */
export function resultsJson(outcome: RunOutcome, options: { strict: boolean; tags?: string; exitCode: number }): string {
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, "fail-should": 0, "fail-may": 0, "not-applicable": 0 };
  for (const r of outcome.requirements) counts[r.verdict]++;
  return `${JSON.stringify(
    {
      suite: { name: pkg.name, version: pkg.version },
      target: outcome.target,
      transports: outcome.transports,
      startedAt: outcome.startedAt.toISOString(),
      durationMs: outcome.durationMs,
      options: { strict: options.strict, tags: options.tags ?? null },
      exitCode: options.exitCode,
      summary: counts,
      requirements: outcome.requirements.map((r) => ({
        id: r.id,
        title: r.title,
        level: r.level,
        verdict: r.verdict,
        reason: r.reason ?? null,
        transports: r.transports,
        measurements: r.measurements,
      })),
    },
    null,
    2,
  )}\n`;
}
