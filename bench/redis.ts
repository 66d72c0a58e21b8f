/**
 * Part 5, sessions in Redis: throughput of two reference nodes on one Redis against one node on
 * the memory store and two express-session + connect-redis nodes on the same Redis; Redis bytes
 * per session; and what visitors see while Redis restarts. Loopback only, every loop bounded.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { Agent, request } from "undici";
import { type RunningRedis, startRedis } from "../adapters/reference-cluster/redisServer.ts";
import { type SpawnedServer, spawnServer } from "../adapters/spawned.ts";
import { exampleSite } from "../reference/examples/exampleSite.ts";
import { RedisSessionStore } from "../reference/stores/redisStore.ts";
import type { BenchConfig } from "./config.ts";
import { runLoad } from "./load.ts";
import { startSession } from "./session.ts";
import { median } from "./stats.ts";

const TSX = import.meta.resolve("tsx");
const app = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SECRET = randomBytes(32).toString("hex");

export interface RedisBench {
  /** Requests per second, median over the rounds, of each setup under the same load. */
  throughput: { setup: string; median: number; rounds: number[] }[];
  bytesPerSession: { sessions: number; bytes: number };
  restart: { seconds: number; answered: number; unavailable: number; wrong: number; downMs: number };
}

type Setup = { setup: string; nodes: SpawnedServer[] };

export async function measureRedis(config: BenchConfig, say: (line: string) => void): Promise<RedisBench> {
  const redis = await startRedis();
  const started: SpawnedServer[] = [];
  try {
    const spawnNode = async (file: string, env: NodeJS.ProcessEnv = {}) => {
      const server = await spawnServer(process.execPath, ["--import", TSX, app(file)], {
        name: file,
        startTimeoutMs: 60_000,
        env: {
          REDIS_URL: redis.url,
          SESSION_STORE_SECRET: SECRET,
          SESSION_SECRET: SECRET,
          SESSION_TIMEOUT_SECONDS: "900",
          ...env,
        },
      });
      started.push(server);
      return server;
    };
    const setups: Setup[] = [
      {
        setup: "reference, 2 nodes on Redis",
        nodes: [await spawnNode("./servers/referenceRedis.ts"), await spawnNode("./servers/referenceRedis.ts")],
      },
      { setup: "reference, 1 node, memory store", nodes: [await spawnNode("./servers/reference.ts")] },
      {
        setup: "express-session + connect-redis, 2 nodes on Redis",
        nodes: [
          await spawnNode("../adapters/express-session-redis/app.ts"),
          await spawnNode("../adapters/express-session-redis/app.ts"),
        ],
      },
    ];
    const throughput = await measureThroughput(setups, config, say);
    const restart = await measureRestart(redis, setups[0]!.nodes, config.redis.restartSeconds);
    say(`  Redis restart: ${JSON.stringify(restart)}`);
    await Promise.all(started.map((s) => s.stop()));
    const bytesPerSession = await measureBytes(redis, config.redis.sessions);
    say(
      `  Redis memory: ${bytesPerSession.bytes.toFixed(1)} B per session at ${bytesPerSession.sessions.toLocaleString("en-US")} sessions`,
    );
    return { throughput, bytesPerSession, restart };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    await redis.stop();
  }
}

/** Every setup under the same total load, split evenly over its nodes; interleaved rounds. */
async function measureThroughput(
  setups: Setup[],
  config: BenchConfig,
  say: (line: string) => void,
): Promise<RedisBench["throughput"]> {
  const { connections, pipelining, seconds, rounds } = config.throughput;
  const urls = (s: Setup) => s.nodes.map((n) => new URL(`http://127.0.0.1:${n.ready.port}`));
  const cookies = await Promise.all(setups.map(async (s) => (await startSession(urls(s)[0]!)).cookie));
  const load = async (i: number) => {
    const nodes = urls(setups[i]!);
    const results = await Promise.all(
      nodes.map((url) =>
        runLoad({ url, cookie: cookies[i], connections: Math.ceil(connections / nodes.length), pipelining, seconds }),
      ),
    );
    return results.reduce((sum, r) => sum + r.requestsPerSecond, 0);
  };
  const rates: number[][] = setups.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = setups.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) rates[i]!.push(await load(i));
    say(
      `  round ${round + 1}/${rounds}: ${setups.map((s, i) => `${s.setup} ${Math.round(rates[i]!.at(-1)!)}`).join(", ")}`,
    );
  }
  return setups.map((s, i) => ({ setup: s.setup, median: median(rates[i]!), rounds: rates[i]! }));
}

/**
 * Visitors with sessions of their own load both nodes in turn while Redis is killed and started
 * again; every answer is a 200 showing the visitor's own session, a 200 with a new session and
 * its cookie (Redis came back empty: no persistence), or a 503. Anything else is a wrong session.
 */
async function measureRestart(
  redis: RunningRedis,
  nodes: SpawnedServer[],
  seconds: number,
): Promise<RedisBench["restart"]> {
  const urls = nodes.map((n) => new URL(`http://127.0.0.1:${n.ready.port}`));
  const agent = new Agent({ connections: 16 });
  const get = async (url: URL, cookie?: string) => {
    const response = await request(url, {
      headers: cookie ? { cookie } : {},
      dispatcher: agent,
      headersTimeout: 5000,
      bodyTimeout: 5000,
    });
    const body = await response.body.text();
    const setCookie = response.headers["set-cookie"];
    return {
      status: response.statusCode,
      uid: /Your session id is: (\S+)/.exec(body)?.[1],
      fresh: setCookie !== undefined,
    };
  };
  const visitors = await Promise.all(
    Array.from({ length: 16 }, async () => {
      const first = await request(urls[0]!, { dispatcher: agent });
      await first.body.text();
      return String(first.headers["set-cookie"]).split(";")[0]!;
    }),
  );
  const owner = new Map<string, string>();
  for (const cookie of visitors) owner.set(cookie.split("=")[1]!, cookie);
  const counts = { answered: 0, unavailable: 0, wrong: 0 };
  const deadline = Date.now() + seconds * 1000;
  const load = visitors.map(async (cookie, v) => {
    for (let i = 0; Date.now() < deadline && i < 1_000_000; i++) {
      const answer = await get(urls[(i + v) % urls.length]!, cookie);
      if (answer.status === 503) counts.unavailable++;
      else if (
        answer.status === 200 &&
        (answer.uid === cookie.split("=")[1] || (answer.fresh && !owner.has(answer.uid ?? "")))
      )
        counts.answered++;
      else counts.wrong++;
    }
  });
  await sleep((seconds * 1000) / 3);
  const down = Date.now();
  await redis.instances[0]!.kill();
  await sleep(500);
  await redis.instances[0]!.start();
  const downMs = Date.now() - down;
  await Promise.all(load);
  await agent.close();
  return { seconds, ...counts, downMs };
}

/** Sessions written through the store's own path (a Site's sessions, store.add), pipelined; INFO memory before and after. */
async function measureBytes(redis: RunningRedis, sessions: number): Promise<RedisBench["bytesPerSession"]> {
  const inspect = createClient({ url: redis.url });
  await inspect.connect();
  await inspect.flushAll();
  const used = async () => Number(/used_memory:(\d+)/.exec(await inspect.info("memory"))![1]);
  const before = await used();
  const store = await new RedisSessionStore({ url: redis.url }).connect();
  const site = exampleSite({ store, onEnding: () => {}, log: () => {} });
  site.stopSweeping();
  const deadline = Date.now() + 300_000;
  for (let made = 0; made < sessions; ) {
    if (Date.now() > deadline) throw new Error(`writing ${sessions} sessions took over 300 s`);
    const batch = Math.min(10_000, sessions - made);
    await Promise.all(
      Array.from({ length: batch }, () => store.add(site.sessionFactory(site, randomBytes(32).toString("hex")))),
    );
    made += batch;
  }
  const keys = await inspect.dbSize();
  if (keys !== sessions) throw new Error(`Redis holds ${keys} keys, not ${sessions}`);
  const bytes = (await used()) - before;
  await store.close();
  inspect.destroy();
  return { sessions, bytes: bytes / sessions };
}
