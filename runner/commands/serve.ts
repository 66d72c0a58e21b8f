import { type Command, Option } from "commander";
import { port, positive, positiveInteger } from "./options.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the reference example site for a person to try in a browser")
    .addOption(new Option("-p, --port <n>", "HTTP port").default(8080).argParser(port))
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .addOption(new Option("--https-port <n>", "also serve HTTPS with a throwaway certificate").argParser(port))
    .addOption(new Option("--timeout <seconds>", "idle session timeout").default(900).argParser(positive))
    .option(
      "--manual-clock",
      "freeze the clock; POST /_clock/advance?seconds=N moves it, GET /_endings lists ended sessions",
      false,
    )
    .option(
      "--store <url>",
      "keep sessions in Redis: redis://HOST:PORT or redis-cluster://HOST:PORT,HOST:PORT,… (nodes share SESSION_STORE_SECRET)",
    )
    .addOption(
      new Option("--nodes <n>", "serve that many nodes on ports --port, --port + 1, …, sharing --store")
        .default(1)
        .argParser(positiveInteger),
    )
    .action(
      async (options: {
        port: number;
        host: string;
        httpsPort?: number;
        timeout: number;
        manualClock: boolean;
        store?: string;
        nodes: number;
      }) => (await import("../serve.ts")).serve(options),
    );
}
