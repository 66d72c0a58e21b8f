/**
 * Part 4: wall time of the whole conformance run against the embedded reference, HTTP and
 * HTTPS, cold start included, as the installed package runs it: the compiled JavaScript of
 * dist/ (built first), `node bin/session-conformance.js`.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchConfig } from "./config.ts";
import { median } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface SuiteTime {
  /** Seconds of each run. */
  runs: number[];
  median: number;
  /** The CLI's closing line, e.g. `requirements: 35 passed, 0 failed, 0 skipped`. */
  summary: string;
}

/**
 * Run the suite `config.runs` times, reports into a temporary folder.
 * @throws Error when a run does not exit 0 (the reference must pass)
 */
export async function measureSuite(config: BenchConfig["suite"]): Promise<SuiteTime> {
  // What a user installs: dist/, built from these sources.
  execFileSync(process.execPath, ["scripts/build.js"], { cwd: ROOT, stdio: "ignore" });
  const reports = await mkdtemp(join(tmpdir(), "bench-suite-"));
  const runs: number[] = [];
  let summary = "";
  try {
    for (let i = 0; i < config.runs; i++) {
      const started = performance.now();
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ["bin/session-conformance.js", "--report", reports],
          { cwd: ROOT, timeout: 120_000, env: { ...process.env, SESSION_CONFORMANCE_COMPILED: "1" } },
          (error, out, err) =>
            error
              ? reject(
                  new Error(
                    `the suite against the reference failed: ${error.message.split("\n")[0]} ${out.slice(-400)} ${err.slice(-400)}`,
                  ),
                )
              : resolve(out),
        ),
      );
      runs.push((performance.now() - started) / 1000);
      summary = stdout.trim().split("\n").at(-1) ?? "";
    }
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
  return { runs, median: median(runs), summary };
}
