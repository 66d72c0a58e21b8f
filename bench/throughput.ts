/**
 * Part 1: requests per second with a valid session cookie, every server under the same load
 * (connections, duration), in interleaved rounds A B C … C B A … so drift hits all alike.
 * Also the server's own CPU time per request, which does not depend on whether the load
 * generator, sharing the machine's cores, is the bottleneck.
 */
import type { BenchConfig } from "./config.ts";
import { runLoad } from "./load.ts";
import type { BenchServer, ServerName } from "./servers/spawn.ts";
import { checkSession, type SessionPage, startSession } from "./session.ts";
import { median } from "./stats.ts";

/** The bare server keeps no sessions; it gets a cookie header of the same size all the same. */
export const NO_SESSION: SessionPage = { cookie: `TWISTED_SESSION=${"0".repeat(64)}`, body: "" };

export interface Throughput {
  name: ServerName;
  version: string;
  /** Requests per second in each round. */
  rounds: number[];
  median: number;
  /** The server's CPU time per request, microseconds, median over the rounds. */
  cpuMicrosPerRequest: number;
}

/**
 * Measure every server; the first one is the ceiling the others are compared with.
 * @throws Error when a server drops the session or any request fails
 */
export async function measureThroughput(
  servers: BenchServer[],
  config: BenchConfig["throughput"],
  progress: (line: string) => void,
): Promise<Throughput[]> {
  const sessions = await Promise.all(
    servers.map((server) => (server.hasSessions ? startSession(server.baseUrl) : NO_SESSION)),
  );
  const load = (i: number, seconds: number) =>
    runLoad({
      url: servers[i]!.baseUrl,
      cookie: sessions[i]!.cookie,
      connections: config.connections,
      pipelining: config.pipelining,
      seconds,
    });
  const measured = await measureRounds(servers, config, load, progress);
  await Promise.all(servers.map((server, i) => server.hasSessions && checkSession(server.baseUrl, sessions[i]!)));
  return measured;
}

/**
 * Warm every server up, then load each one `config.rounds` times in alternating order (A B C …,
 * then … C B A), so drift hits all alike: each round's requests per second, and the server's
 * own CPU time per request, medians over the rounds.
 * @param load - one run of the load generator against server `i` for `seconds`
 */
export async function measureRounds(
  servers: BenchServer[],
  config: { warmupSeconds: number; rounds: number; seconds: number },
  load: (i: number, seconds: number) => Promise<{ requestsPerSecond: number; requests: number }>,
  progress: (line: string) => void,
): Promise<Throughput[]> {
  if (config.warmupSeconds > 0) for (let i = 0; i < servers.length; i++) await load(i, config.warmupSeconds);
  const rates: number[][] = servers.map(() => []);
  const cpu: number[][] = servers.map(() => []);
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
  return servers.map((server, i) => ({
    name: server.name,
    version: server.version,
    rounds: rates[i]!,
    median: median(rates[i]!),
    cpuMicrosPerRequest: median(cpu[i]!),
  }));
}
