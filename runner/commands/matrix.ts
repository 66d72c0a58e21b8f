import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { MATRIX_TARGETS } from "../../adapters/index.ts";

export function registerMatrix(program: Command): void {
  program
    .command("matrix")
    .description(
      `run every implementation of the matrix (${MATRIX_TARGETS.join(", ")}), gate each against its declared divergences, and write conformance-matrix.md and .html; exit 1 when a gate fails, or under CI=true when a target is not available`,
    )
    .option("-o, --out <dir>", "where to write the matrix", "docs")
    .addOption(
      new Option(
        "--client <client>",
        "the client every column browses with (chromium writes conformance-matrix-chromium.*)",
      )
        .choices(["default", "chromium"])
        .default("default"),
    )
    .option("--tags <expression>", 'run only these requirements in every column, e.g. "@COOKIE-2 or @BASIC-7"')
    .action(async (options: { out: string; client: "default" | "chromium"; tags?: string }) => {
      const run = { client: options.client, tags: options.tags };
      process.exitCode = await (await import("../matrix/writeMatrix.ts")).writeMatrix(resolve(options.out), { run });
    });
}
