/**
 * Part 2: bytes per live session. In a dedicated process, through the reference Site's API at
 * a million sessions; and over HTTP for every server, one request without a cookie per session,
 * reading the server's memory after a collection before and after.
 */

import { runJsonChild } from "./child.ts";
import type { BenchConfig } from "./config.ts";
import { runLoad } from "./load.ts";
import type { BenchServer, ServerName } from "./servers/spawn.ts";

export interface InProcessMemory {
  sessions: number;
  /** Growth of the resident set, per session. */
  rssPerSession: number;
  /** Growth of V8's heap (used, plus external memory), per session. */
  heapPerSession: number;
  /** Wall time of one `makeSession()`, microseconds. */
  makeMicros: number;
}

export interface HttpMemory {
  name: ServerName;
  sessions: number;
  rssPerSession: number;
  /** Node servers only. */
  heapPerSession?: number;
}

/** Sessions made straight through Site.makeSession() in a child process with --expose-gc. */
export function measureInProcess(config: BenchConfig["memory"]): Promise<InProcessMemory> {
  return runJsonChild<InProcessMemory>(
    new URL("./memoryChild.ts", import.meta.url),
    [String(config.inProcessSessions)],
    ["--expose-gc"],
    300_000,
  );
}

/**
 * Sessions made over HTTP on each server that keeps sessions.
 * @throws Error when a request fails
 */
export async function measureOverHttp(
  servers: BenchServer[],
  config: BenchConfig["memory"],
  connections: number,
  progress: (line: string) => void,
): Promise<HttpMemory[]> {
  const results: HttpMemory[] = [];
  for (const server of servers.filter((s) => s.hasSessions)) {
    const before = await server.memory();
    const load = await runLoad({ url: server.baseUrl, connections, amount: config.overHttpSessions });
    const after = await server.memory();
    const sessions = load.requests;
    const result: HttpMemory = { name: server.name, sessions, rssPerSession: (after.rss - before.rss) / sessions };
    if (after.heap !== undefined && before.heap !== undefined)
      result.heapPerSession = (after.heap - before.heap) / sessions;
    results.push(result);
    progress(`  ${server.name}: ${Math.round(result.rssPerSession)} bytes/session (RSS) at ${sessions} sessions`);
  }
  return results;
}
