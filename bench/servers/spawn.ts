/**
 * The servers under load, each in its own child process on 127.0.0.1 with a free port, started
 * through adapters/spawned.ts. Node servers get `--expose-gc` and gcProbe.ts, so their memory
 * can be read after a collection; Twisted's is read from /proc.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type SpawnedServer, spawnServer } from "../../adapters/spawned.ts";
import { twistedAvailable } from "../../adapters/twisted/index.ts";

/**
 * The servers start all at once, each node one compiling its TypeScript through tsx: on a busy
 * machine (load 8) that took more than the adapters' 15 s. A start is bounded, not measured.
 */
const START_TIMEOUT_MS = 60_000;

/** Every server the throughput part compares, the ceiling first. */
export const SERVER_NAMES = ["node:http", "reference", "express-session", "fastify-session", "twisted"] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** Memory of a server process in bytes; `heap` (V8 heap + external) only for Node. */
export interface Memory {
  rss: number;
  heap?: number;
}

export interface BenchServer {
  readonly name: ServerName;
  readonly version: string;
  readonly baseUrl: URL;
  /** The server's process id, to pin it to a CPU. */
  readonly pid: number;
  /** False for the bare node:http ceiling, which answers without any session. */
  readonly hasSessions: boolean;
  /** The process's memory after a full garbage collection (Node) or as it stands (Python). */
  memory(): Promise<Memory>;
  /** CPU time the process has used so far, user and system, in seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

const TSX = import.meta.resolve("tsx");
const GC_PROBE = import.meta.resolve("./gcProbe.ts");
const TIMEOUT_ENV = { SESSION_TIMEOUT_SECONDS: "900" };
const NODE_APPS: Record<Exclude<ServerName, "twisted">, string> = {
  "node:http": fileURLToPath(new URL("./bare.ts", import.meta.url)),
  reference: fileURLToPath(new URL("./reference.ts", import.meta.url)),
  "express-session": fileURLToPath(new URL("../../adapters/express-session/app.ts", import.meta.url)),
  "fastify-session": fileURLToPath(new URL("../../adapters/fastify-session/app.ts", import.meta.url)),
};
const SERVE_PY = fileURLToPath(new URL("../../adapters/twisted/serve.py", import.meta.url));

/** Whether Debian's Twisted can be started here. */
export const haveTwisted = twistedAvailable;

/**
 * Start one server and wait until it listens.
 * @throws TargetUnavailableError when it cannot start
 */
export async function startServer(name: ServerName): Promise<BenchServer> {
  if (name === "twisted") {
    // No access log (the Node servers log nothing per request either); sessions on the reactor.
    const server = await spawnServer(
      "/usr/bin/python3",
      [SERVE_PY, "--timeout", "900", "--no-access-log", "--reactor-clock"],
      { name, startTimeoutMs: START_TIMEOUT_MS },
    );
    return describe(name, server, `Twisted ${server.ready.version ?? "?"}`, () => procRss(server.pid));
  }
  const args = ["--expose-gc", "--import", TSX, "--import", GC_PROBE, NODE_APPS[name]];
  const server = await spawnServer(process.execPath, args, {
    name,
    env: TIMEOUT_ENV,
    startTimeoutMs: START_TIMEOUT_MS,
  });
  return describe(name, server, server.ready.version ?? name, () => nodeMemory(server));
}

function describe(
  name: ServerName,
  server: SpawnedServer,
  version: string,
  memory: () => Promise<Memory>,
): BenchServer {
  return {
    name,
    version,
    baseUrl: new URL(`http://127.0.0.1:${server.ready.port}`),
    pid: server.pid,
    hasSessions: name !== "node:http",
    memory,
    cpuSeconds: () => procCpuSeconds(server.pid),
    stop: () => server.stop(),
  };
}

/** Ask gcProbe.ts for a collection and the memory after it. */
async function nodeMemory(server: SpawnedServer): Promise<Memory> {
  const seen = server.output.length;
  process.kill(server.pid, "SIGUSR2");
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const line = server.output.slice(seen).find((l) => l.startsWith('{"benchMemory"'));
    if (line) return (JSON.parse(line) as { benchMemory: Memory }).benchMemory;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no memory report from pid ${server.pid} within 10 s`);
}

/** User plus system CPU time of a process, from /proc (Linux; clock ticks of 10 ms). */
async function procCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process, from /proc (Linux). */
async function procRss(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return { rss: Number(kb[1]) * 1024 };
}
