/**
 * The goals, each judged on figures from the same run: HELD, MISSED, or NOT MEASURED
 * when its part did not run (Twisted not installed). A missed goal never fails the run.
 */
import type { BenchResults } from "./results.ts";
import type { ServerName } from "./servers/spawn.ts";
import type { Throughput } from "./throughput.ts";

export type Verdict = "HELD" | "MISSED" | "NOT MEASURED";

export interface Goal {
  goal: string;
  measured: string;
  verdict: Verdict;
}

/**
 * The reference's throughput divided by `other`'s, when both were measured: in part 1
 * (pipelined), or in the figures given (part 1b's).
 */
export function ratio(
  results: BenchResults,
  other: ServerName,
  figures: readonly Throughput[] | undefined = results.throughput,
): number | undefined {
  const of = (name: ServerName) => figures?.find((t) => t.name === name)?.median;
  const reference = of("reference");
  const base = of(other);
  return reference !== undefined && base !== undefined ? reference / base : undefined;
}

/** Part 1b's goal: the reference's share of bare node:http's requests per second without pipelining. */
export const NO_PIPELINING_GOAL = 0.9;

export function judgeGoals(results: BenchResults): Goal[] {
  const goals: Goal[] = [];
  const atLeast = (goal: string, value: number | undefined, bound: number, unit: string, digits: number) =>
    goals.push({
      goal,
      measured: value === undefined ? "-" : `${value.toFixed(digits)}${unit}`,
      verdict: value === undefined ? "NOT MEASURED" : value >= bound ? "HELD" : "MISSED",
    });
  const atMost = (goal: string, value: number | undefined, bound: number, unit: string, digits = 0) =>
    goals.push({
      goal,
      measured: value === undefined ? "-" : `${value.toFixed(digits)}${unit}`,
      verdict: value === undefined ? "NOT MEASURED" : value <= bound ? "HELD" : "MISSED",
    });

  // Three decimals, so a ratio just under its bound does not print as the bound itself.
  atLeast(
    "throughput, no pipelining (wrk): reference ≥ 0.90 × bare node:http",
    ratio(results, "node:http", results.noPipelining?.servers),
    NO_PIPELINING_GOAL,
    " ×",
    3,
  );
  atLeast(
    "throughput, 4 pipelined (autocannon): reference ≥ 0.85 × bare node:http",
    ratio(results, "node:http"),
    0.85,
    " ×",
    3,
  );
  atLeast("throughput: reference ≥ 5 × express-session", ratio(results, "express-session"), 5, " ×", 3);
  atLeast("throughput: reference ≥ 2.5 × @fastify/session", ratio(results, "fastify-session"), 2.5, " ×", 3);
  atLeast("throughput: reference ≥ 3 × Twisted", ratio(results, "twisted"), 3, " ×", 3);
  const memory = results.memoryInProcess;
  atMost(
    `memory: ≤ 250 bytes per live session at ${memory ? memory.sessions.toLocaleString("en-US") : "1,000,000"} sessions (RSS)`,
    memory?.rssPerSession,
    250,
    " B",
  );
  const expiring = (results.expire?.median.sessions ?? 1_000_000).toLocaleString("en-US");
  atMost(
    `expiry: worst event-loop delay ≤ 50 ms while ${expiring} sessions expire`,
    results.expire?.median.maxDelayMs,
    50,
    " ms",
    1,
  );
  atMost(
    "suite: whole run against the reference, HTTP + HTTPS, cold start ≤ 1.5 s wall",
    results.suite?.median,
    1.5,
    " s",
    2,
  );
  const redis = results.redis;
  const [twoNodes, , express] = redis?.throughput.map((t) => t.median) ?? [];
  atLeast(
    "Redis: 2 reference nodes ≥ 3 × 2 express-session + connect-redis nodes",
    twoNodes && express ? twoNodes / express : undefined,
    3,
    " ×",
    3,
  );
  atMost(
    `Redis: ≤ 150 bytes per session at ${(redis?.bytesPerSession.sessions ?? 1_000_000).toLocaleString("en-US")} sessions (INFO memory)`,
    redis?.bytesPerSession.bytes,
    150,
    " B",
  );
  atMost("Redis restart under load: 0 wrong sessions", redis?.restart.wrong, 0, "");
  return goals;
}
