import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { request } from "undici";
import { CONTROL_ROUTES, ENDING_PATTERN, type ReadyLine } from "../lib/pages.ts";
import { type Connection, type EndingsLog, TargetUnavailableError } from "./target.ts";

export type { ReadyLine };

/** A server running in a child process, on 127.0.0.1. */
export interface SpawnedServer {
  readonly ready: ReadyLine;
  /** The child's process id, to signal it or read its memory from /proc. */
  readonly pid: number;
  /** Every line the server printed to standard output after its ready line. */
  readonly output: string[];
  /** SIGTERM, then SIGKILL if it has not exited within two seconds. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** For error messages: `twisted`, `express-session`, … */
  name: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the ready line (default 15 s). */
  startTimeoutMs?: number;
}

/**
 * Start a server process and wait for its ready line.
 * @throws TargetUnavailableError when it cannot start, exits, or stays silent past the timeout
 */
export async function spawnServer(command: string, args: string[], options: SpawnOptions): Promise<SpawnedServer> {
  const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      const detail = lastError(stderr);
      reject(new TargetUnavailableError(`${options.name}: ${why}${detail ? ` (${detail})` : ""}`));
    };
    const timer = setTimeout(
      () => fail(`no ready line within ${options.startTimeoutMs ?? 15000} ms`),
      options.startTimeoutMs ?? 15000,
    );
    child.once("error", (error) => fail(`cannot run ${command}: ${error.message}`));
    const onEarlyExit = (code: number | null, signal: string | null) =>
      fail(`exited before it was ready (${signal ?? `code ${code}`})`);
    child.once("exit", onEarlyExit);
    let isReady = false;
    lines.on("line", (line) => {
      if (isReady) return void output.push(line);
      const parsed = parseReady(line);
      if (!parsed) return;
      isReady = true;
      clearTimeout(timer);
      child.removeListener("exit", onEarlyExit);
      resolve(parsed);
    });
  });

  return { ready, pid: child.pid!, output, stop: () => stopChild(child, exited) };
}

/** The last error line a crashed child printed (Node ends with its version line, Python with the error). */
function lastError(stderr: string): string | undefined {
  const lines = stderr.trim().split("\n");
  return lines.findLast((line) => /^[\w.]*Error\b/.test(line)) ?? lines.at(-1);
}

function parseReady(line: string): ReadyLine | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(line) as Partial<ReadyLine>;
    return value.ready === true && typeof value.port === "number" ? (value as ReadyLine) : undefined;
  } catch {
    return undefined;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
  await exited;
  clearTimeout(timer);
}

/**
 * The `Session <uid> has expired.` lines a spawned server printed. Lines and HTTP answers race
 * to us, so `POST /_endings/sync` makes the server print a `_sync <n>` marker after them, and
 * reading waits (at most 5 s) until that marker has arrived.
 * @throws Error when the server cannot be asked or the marker never arrives: the lines read so
 *   far may be incomplete, so the run cannot judge (an `error` verdict, never a pass)
 */
export function endingsFromOutput(server: SpawnedServer, baseUrl: URL): EndingsLog {
  return {
    async lines() {
      const response = await request(new URL(CONTROL_ROUTES.endingsSync, baseUrl), {
        method: "POST",
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      const marker = `_sync ${(await response.body.text()).trim()}`;
      if (response.statusCode !== 200) throw new Error(`the endings sync answered ${response.statusCode}`);
      for (const deadline = Date.now() + 5000; !server.output.includes(marker); ) {
        if (Date.now() > deadline) throw new Error(`the server's "${marker}" line did not arrive within 5 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return server.output.filter((line) => ENDING_PATTERN.test(line));
    },
  };
}

/** The connection of a server that announced `ready` on 127.0.0.1: HTTPS too when it opened a port for it. */
export function connectionOf(ready: ReadyLine, tlsCa: string | undefined): Connection {
  const http = new URL(`http://127.0.0.1:${ready.port}`);
  const https = ready.httpsPort === undefined ? undefined : new URL(`https://127.0.0.1:${ready.httpsPort}`);
  return { nodes: [{ http, https }], tlsCa: https && tlsCa };
}
