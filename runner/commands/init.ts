import { type Command, Option } from "commander";
import { ExitCode } from "../exitCodes.ts";
import { positive } from "./options.ts";

export function registerInit(program: Command): void {
  program
    .command("init")
    .argument("[url]", "the page of your running server that shows the session id", "http://127.0.0.1:8080/")
    .description(
      "probe your running server, write a commented target file for it (JSONC), and check the file against the server; exit 2 when a check fails",
    )
    .option("-o, --out <file>", "the target file to write; an existing one is checked, not overwritten", "target.jsonc")
    .option("--force", "overwrite an existing target file", false)
    .option("--name <name>", "the name shown in reports (default: the URL's host)")
    .addOption(new Option("--timeout <seconds>", "your server's idle session timeout").argParser(positive))
    .action(async (url: string, options: { out: string; force: boolean; name?: string; timeout?: number }) => {
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const passed = await (await import("../init.ts")).init(url, options, write);
      process.exitCode = passed ? ExitCode.Conformant : ExitCode.HarnessError;
    });
}
