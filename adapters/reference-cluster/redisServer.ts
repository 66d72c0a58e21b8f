/**
 * Debian's redis-server started by the suite on free loopback ports: one instance, or a Redis
 * Cluster of three masters. No persistence (`--save "" --appendonly no`), a temporary folder
 * for the cluster's node files, and every wait bounded. Shared by the reference-cluster and
 * express-session-redis adapters, the fault tests and the benchmarks.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { TargetUnavailableError } from "../target.ts";

const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";
const REDIS_CLI = process.env.REDIS_CLI ?? "redis-cli";

/** One redis-server process on 127.0.0.1. */
export interface RedisInstance {
  readonly port: number;
  readonly pid: number;
  /** Kill it (SIGKILL: a crash, not a shutdown) and wait until it is gone. */
  kill(): Promise<void>;
  /** Start it again on the same port, with the same cluster node file. */
  start(): Promise<void>;
}

/** Redis as the stores reach it: `redis://…` or `redis-cluster://…`, and the processes behind it. */
export interface RunningRedis {
  readonly url: string;
  readonly instances: readonly RedisInstance[];
  stop(): Promise<void>;
}

/** Whether redis-server can be run here (`apt-get install redis-server`). */
export async function haveRedis(): Promise<boolean> {
  return new Promise((resolve) => execFile(REDIS_SERVER, ["--version"], (error) => resolve(!error)));
}

/** One Redis instance on a free port. */
export async function startRedis(extraArgs: string[] = []): Promise<RunningRedis> {
  const dir = await mkdtemp(join(tmpdir(), "session-redis-"));
  const instance = await startInstance(dir, false, extraArgs);
  return { url: `redis://127.0.0.1:${instance.port}`, instances: [instance], stop: () => stopAll([instance], dir) };
}

/** A Redis Cluster of `masters` masters and no replicas, its slots spread by redis-cli. */
export async function startRedisCluster(masters = 3): Promise<RunningRedis> {
  const dir = await mkdtemp(join(tmpdir(), "session-redis-cluster-"));
  const instances: RedisInstance[] = [];
  try {
    for (let i = 0; i < masters; i++) instances.push(await startInstance(dir, true));
    const hosts = instances.map((r) => `127.0.0.1:${r.port}`);
    await run(REDIS_CLI, ["--cluster", "create", ...hosts, "--cluster-replicas", "0", "--cluster-yes"], 20_000);
    for (const r of instances)
      await until(
        async () =>
          (await run(REDIS_CLI, ["-p", String(r.port), "cluster", "info"], 5000)).includes("cluster_state:ok"),
        20_000,
        "cluster_state:ok",
      );
  } catch (error) {
    await stopAll(instances, dir);
    throw error;
  }
  return {
    url: `redis-cluster://${instances.map((r) => `127.0.0.1:${r.port}`).join(",")}`,
    instances,
    stop: () => stopAll(instances, dir),
  };
}

async function startInstance(dir: string, cluster: boolean, extraArgs: string[] = []): Promise<RedisInstance> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePortPair();
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
      ...extraArgs,
    ];
    if (cluster) args.push("--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`);
    let child: ChildProcess | undefined;
    const launch = async () => {
      child = spawn(REDIS_SERVER, args, { stdio: "ignore" });
      const exited = new Promise<void>((resolve) => child!.once("exit", () => resolve()));
      child.once("error", () => undefined);
      await Promise.race([
        until(() => ping(port), 10_000, `redis-server on port ${port} answering PING`),
        exited.then(() => Promise.reject(new Error(`redis-server exited on port ${port}`))),
      ]);
    };
    try {
      await launch();
    } catch (error) {
      child?.kill("SIGKILL");
      if (attempt < 3) continue; // the port was taken between the check and the start
      throw new TargetUnavailableError(
        `cannot start ${REDIS_SERVER}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const instance: RedisInstance = {
      port,
      get pid() {
        return child!.pid!;
      },
      async kill() {
        const c = child!;
        if (c.exitCode !== null || c.signalCode !== null) return;
        const gone = new Promise<void>((resolve) => c.once("exit", () => resolve()));
        c.kill("SIGKILL");
        await gone;
      },
      start: launch,
    };
    return instance;
  }
}

async function stopAll(instances: readonly RedisInstance[], dir: string): Promise<void> {
  await Promise.all(instances.map((r) => r.kill()));
  await rm(dir, { recursive: true, force: true });
}

/** A free port P ≤ 55535 whose cluster bus port P + 10000 is free too. */
async function freePortPair(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + Math.floor(Math.random() * 35_000);
    if ((await portFree(port)) && (await portFree(port + 10_000))) return port;
  }
  throw new TargetUnavailableError("no free pair of loopback ports P, P+10000 for redis-server");
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Whether a Redis on `port` answers PING with PONG. */
export function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(25)) if (await check()) return;
  throw new Error(`no ${what} within ${timeoutMs} ms`);
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { timeout: timeoutMs }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.slice(0, 3).join(" ")}: ${stderr.trim() || error.message}`))
        : resolve(stdout),
    ),
  );
}
