import { Command, CommanderError } from "commander";
import { TargetFileError, TargetUnavailableError } from "../adapters/target.ts";
import pkg from "../package.json" with { type: "json" };
import { registerInit } from "./commands/init.ts";
import { registerMatrix } from "./commands/matrix.ts";
import { registerRun } from "./commands/run.ts";
import { registerServe } from "./commands/serve.ts";
import { ExitCode, HarnessError } from "./exitCodes.ts";

export { exitCodeFor } from "./commands/run.ts";

// Each command loads what it needs when it runs (cucumber and the steps only for a run), so
// --help, init and serve start at once.
const program = new Command("session-conformance")
  .description("Check a web server's HTTP sessions against the behaviours Twisted Web documents.")
  .version(pkg.version)
  // A usage error exits 2 (commander's own is 1, which a CI gate would read as "not conformant").
  .exitOverride();

registerRun(program);
registerInit(program);
registerMatrix(program);
registerServe(program);

/** Parse the command line and run; usage errors and expected failures print one line and exit 2. */
export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help, or the version: exit code 0).
      process.exitCode = error.exitCode === 0 ? 0 : ExitCode.HarnessError;
      return;
    }
    const known =
      error instanceof TargetUnavailableError || error instanceof TargetFileError || error instanceof HarnessError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`session-conformance: ${known ? message : `harness error: ${message.split("\n")[0]}`}\n`);
    if (!known && process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = ExitCode.HarnessError;
  }
}
