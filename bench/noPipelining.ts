/**
 * Part 1b: the reference against bare node:http as a browser loads them: each of 10 connections
 * sends one request and waits for its answer (no pipelining), so every request pays its own
 * way through the event loop and the kernel. wrk runs on one CPU and each server on another,
 * in interleaved rounds A B, B A, … The pipelined figure of part 1 spreads those costs over 4
 * requests per read and write, and so hides the per-request cost this part shows.
 */
import type { BenchConfig } from "./config.ts";
import type { BenchServer } from "./servers/spawn.ts";
import { checkSession, startSession } from "./session.ts";
import { median } from "./stats.ts";
import { NO_SESSION, type Throughput } from "./throughput.ts";
import { allowedCpus, pinProcess, runWrk } from "./wrk.ts";

export interface NoPipelining {
  /** Each server's figures, bare node:http first. */
  servers: Throughput[];
  /** The CPUs of wrk and of the servers, or undefined on a machine with a single CPU (not pinned). */
  pinning?: { client: number; server: number };
}

/**
 * Measure each server (the ceiling first) with wrk.
 * @throws Error when a server drops the session, wrk fails, or any request fails
 */
export async function measureNoPipelining(
  servers: BenchServer[],
  config: BenchConfig["noPipelining"],
  progress: (line: string) => void,
): Promise<NoPipelining> {
  const cpus = await allowedCpus();
  const pinning = cpus.length >= 2 ? { client: cpus[0]!, server: cpus[1]! } : undefined;
  const sessions = await Promise.all(
    servers.map((server) => (server.hasSessions ? startSession(server.baseUrl) : NO_SESSION)),
  );
  const load = (i: number, seconds: number) =>
    runWrk({
      url: servers[i]!.baseUrl,
      cookie: sessions[i]!.cookie,
      connections: config.connections,
      seconds,
      cpu: pinning?.client,
    });
  const unpin: (() => Promise<void>)[] = [];
  const rates: number[][] = servers.map(() => []);
  const cpu: number[][] = servers.map(() => []);
  try {
    if (pinning) for (const server of servers) unpin.push(await pinProcess(server.pid, [pinning.server]));
    if (config.warmupSeconds > 0) for (let i = 0; i < servers.length; i++) await load(i, config.warmupSeconds);
    for (let round = 0; round < config.rounds; round++) {
      const order = servers.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        const cpuBefore = await servers[i]!.cpuSeconds();
        const result = await load(i, config.seconds);
        const cpuUsed = (await servers[i]!.cpuSeconds()) - cpuBefore;
        rates[i]!.push(result.requestsPerSecond);
        cpu[i]!.push((cpuUsed * 1e6) / result.requests);
      }
      progress(
        `  round ${round + 1}/${config.rounds}: ${servers.map((s, i) => `${s.name} ${Math.round(rates[i]!.at(-1)!)}`).join(", ")}`,
      );
    }
  } finally {
    for (const restore of unpin) await restore();
  }
  await Promise.all(servers.map((server, i) => server.hasSessions && checkSession(server.baseUrl, sessions[i]!)));
  return {
    pinning,
    servers: servers.map((server, i) => ({
      name: server.name,
      version: server.version,
      rounds: rates[i]!,
      median: median(rates[i]!),
      cpuMicrosPerRequest: median(cpu[i]!),
    })),
  };
}
