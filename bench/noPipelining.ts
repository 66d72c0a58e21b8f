/**
 * Part 1b: the reference against bare node:http as a browser loads them: each of 10 connections
 * sends one request and waits for its answer (no pipelining), so every request pays its own
 * way through the event loop and the kernel. wrk runs on one CPU and each server on another,
 * in interleaved rounds A B, B A, … The pipelined figure of part 1 spreads those costs over 4
 * requests per read and write, and so hides the per-request cost this part shows.
 */
import { loadavg } from "node:os";
import type { BenchConfig } from "./config.ts";
import type { BenchServer } from "./servers/spawn.ts";
import { checkSession, startSession } from "./session.ts";
import { measureRounds, NO_SESSION, type Throughput } from "./throughput.ts";
import { allowedCpus, pinProcess, runWrk } from "./wrk.ts";

export interface NoPipelining {
  /** Each server's figures, bare node:http first. */
  servers: Throughput[];
  /** The CPUs of wrk and of the servers, or undefined on a machine with a single CPU (not pinned). */
  pinning?: { client: number; server: number };
  /** The lowest and highest one-minute load average seen at the start and after each round: other work skews the figures. */
  loadAverage: [number, number];
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
  const load1 = [loadavg()[0]!];
  let measured: Throughput[];
  try {
    if (pinning) for (const server of servers) unpin.push(await pinProcess(server.pid, [pinning.server]));
    // measureRounds reports once per round: the load average then goes on that round's line.
    measured = await measureRounds(servers, config, load, (line) => {
      load1.push(loadavg()[0]!);
      progress(`${line} (load average ${load1.at(-1)!.toFixed(2)})`);
    });
  } finally {
    for (const restore of unpin) await restore();
  }
  await Promise.all(servers.map((server, i) => server.hasSessions && checkSession(server.baseUrl, sessions[i]!)));
  return { pinning, loadAverage: [Math.min(...load1), Math.max(...load1)], servers: measured };
}
