/**
 * Runs of the self-test spread over a few child processes. One process runs one target at a
 * time (the active target is process-wide), so each worker runs its runs one after another,
 * each on a mini server of its own with its own ports.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TlsIdentity } from "../../lib/tls.ts";
import type { RunOutcome } from "../../runner/run.ts";
import type { MiniRun } from "./selfTest.ts";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** What a worker sends back for one run. */
export type WorkerReply =
  | { label: string; outcome: RunOutcome; ms: number }
  | { label: string; error: string; ms: number };

/**
 * Run every run, `workers` at a time, longest first when `slow` says which are long.
 * @returns each run's outcome or the error that stopped it, by label
 */
export async function runAll(
  runs: MiniRun[],
  tls: TlsIdentity,
  workers: number,
  slow: (run: MiniRun) => boolean,
): Promise<Map<string, WorkerReply>> {
  const queue = [...runs.filter(slow), ...runs.filter((r) => !slow(r))];
  const replies = new Map<string, WorkerReply>();
  const work = async () => {
    let child: ChildProcess | undefined;
    try {
      while (queue.length > 0) {
        child ??= fork(WORKER, [], {
          execArgv: ["--import", "tsx"],
          serialization: "advanced",
          stdio: ["ignore", "ignore", "inherit", "ipc"],
        });
        const run = queue.shift()!;
        const reply = await ask(child, run, tls);
        replies.set(run.label, reply);
        // A worker that died or overran is replaced, so the next run starts clean.
        if ("error" in reply) {
          child.kill();
          child = undefined;
        }
      }
    } finally {
      child?.kill();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, work));
  return replies;
}

/** No run takes this long; one that does is stuck, and its worker is killed. */
const RUN_LIMIT_MS = 4 * 60_000;

function ask(child: ChildProcess, run: MiniRun, tls: TlsIdentity): Promise<WorkerReply> {
  const started = performance.now();
  return new Promise((resolve) => {
    const settle = (reply: WorkerReply) => {
      clearTimeout(timer);
      child.off("exit", died).off("message", settle);
      resolve(reply);
    };
    const failed = (why: string) => settle({ label: run.label, error: why, ms: performance.now() - started });
    const died = (code: number | null) => failed(`the worker exited (${code}) during the run`);
    const timer = setTimeout(() => failed(`the run took over ${RUN_LIMIT_MS / 1000} s`), RUN_LIMIT_MS);
    child.once("exit", died).once("message", settle);
    child.send({ run, tls }, (error) => error && failed(`could not reach the worker: ${error.message}`));
  });
}
