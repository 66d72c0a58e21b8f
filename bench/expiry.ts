/**
 * Part 3: a million sessions at once, on a ManualClock, in a dedicated process per run:
 * expiring by timeout, and kept alive under a steady request rate (see expiryChild.ts).
 */

import { runJsonChild } from "./child.ts";
import type { BenchConfig } from "./config.ts";
import { median } from "./stats.ts";

export interface ExpiryRun {
  mode: "expire" | "alive";
  sessions: number;
  workMs: number;
  cpuMs: number;
  maxDelayMs: number;
  p99DelayMs: number;
  /** Time the main thread was runnable but waited for a CPU: the machine's share of the delays. */
  cpuWaitMs: number;
  requestsPerSecond?: number;
  latencyP99Ms?: number;
}

export interface ExpiryResult {
  /** The run with the median worst delay; `runs` holds all of them. */
  median: ExpiryRun;
  runs: ExpiryRun[];
}

/** Run one scenario `config.runs` times and keep the run whose worst delay is the median. */
export async function measureExpiry(
  mode: ExpiryRun["mode"],
  config: BenchConfig["expiry"],
  progress: (line: string) => void,
): Promise<ExpiryResult> {
  const script = new URL("./expiryChild.ts", import.meta.url);
  const args = [mode, config.sessions, config.aliveSeconds, config.aliveRate, config.tailMs].map(String);
  const runs: ExpiryRun[] = [];
  for (let i = 0; i < config.runs; i++) {
    const run = await runJsonChild<ExpiryRun>(script, args, ["--expose-gc"], 300_000);
    runs.push(run);
    progress(
      `  ${mode} run ${i + 1}/${config.runs}: worst delay ${run.maxDelayMs.toFixed(1)} ms, CPU ${Math.round(run.cpuMs)} ms`,
    );
  }
  const middle = median(runs.map((r) => r.maxDelayMs));
  return { median: runs.find((r) => r.maxDelayMs === middle) ?? runs[0]!, runs };
}
