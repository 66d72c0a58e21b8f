/** A self-test worker (pool.ts): runs the suite against each mini server it is sent. */
import type { TlsIdentity } from "../../lib/tls.ts";
import type { WorkerReply } from "./pool.ts";
import { type MiniRun, runAgainstMiniServer } from "./selfTest.ts";

process.on("message", (message: { run: MiniRun; tls: TlsIdentity }) => {
  const started = performance.now();
  const ms = () => performance.now() - started;
  runAgainstMiniServer(message.run, message.tls)
    .then(
      (outcome): WorkerReply => ({ label: message.run.label, outcome, ms: ms() }),
      (error: unknown): WorkerReply => ({
        label: message.run.label,
        error: String((error as Error)?.stack ?? error),
        ms: ms(),
      }),
    )
    .then((reply) => process.send!(reply));
});

// The self-test ended or was stopped: nothing is left to run for.
process.on("disconnect", () => process.exit(0));
