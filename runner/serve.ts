import { randomBytes } from "node:crypto";
import { makeTlsIdentity } from "../lib/tls.ts";
import { ManualClock } from "../reference/clock.ts";
import { exampleSite } from "../reference/examples/exampleSite.ts";
import { ClockAdvance, EndingsPage } from "../reference/examples/testHooks.ts";
import { Resource } from "../reference/resource.ts";
import { listen } from "../reference/server.ts";
import type { SessionStore } from "../reference/store.ts";

export interface ServeOptions {
  port: number;
  host: string;
  httpsPort?: number;
  timeout?: number;
  manualClock: boolean;
  /** `redis://HOST:PORT` or `redis-cluster://HOST:PORT,…`; memory when absent. */
  store?: string;
  /** Nodes to serve on ports `port`, `port + 1`, …, all on `store` (default 1). */
  nodes?: number;
}

/** Serve the reference example site for a person or another tool to try, until stopped. */
export async function serve(options: ServeOptions): Promise<void> {
  const nodes = options.nodes ?? 1;
  if (nodes > 1 && !options.store) throw new Error("--nodes needs --store: nodes share their sessions through Redis");
  // Nodes of one process share the secret that seals the uids kept for ending listeners.
  if (nodes > 1) process.env.SESSION_STORE_SECRET ??= randomBytes(32).toString("hex");
  for (let node = 0; node < nodes; node++) {
    await serveNode({
      ...options,
      port: options.port === 0 ? 0 : options.port + node,
      httpsPort: node === 0 ? options.httpsPort : undefined,
    });
  }
}

async function serveNode(options: ServeOptions): Promise<void> {
  if (options.store && options.manualClock)
    throw new Error("--manual-clock cannot move Redis's clock: use it with the memory store only");
  const clock = options.manualClock ? new ManualClock(Date.now() / 1000) : undefined;
  const endings: string[] = [];
  const site = exampleSite({
    clock,
    sessionTimeout: options.timeout,
    store: options.store ? await redisStore(options.store) : undefined,
    onEnding: (line) => {
      endings.push(line);
      process.stdout.write(`${line}\n`);
    },
  });
  if (clock) {
    const clockPages = new Resource();
    clockPages.putChild("advance", new ClockAdvance(clock, site));
    site.resource.putChild("_clock", clockPages);
    site.resource.putChild("_endings", new EndingsPage(endings));
  }
  const http = await listen(site, { port: options.port, host: options.host });
  process.stdout.write(
    `serving the reference example on ${http.url.href}${options.store ? `, sessions in ${options.store}` : ""}\n`,
  );
  if (options.httpsPort !== undefined) {
    const https = await listen(site, {
      port: options.httpsPort,
      host: options.host,
      tls: await makeTlsIdentity(),
    });
    process.stdout.write(`and on ${https.url.href} (self-signed certificate)\n`);
  }
  if (clock)
    process.stdout.write("manual clock: POST /_clock/advance?seconds=N moves it; GET /_endings lists ended sessions\n");
}

/**
 * A Redis store for `serve`. Every node of one site needs the same SESSION_STORE_SECRET (64 hex
 * digits): it seals the uids kept for ending listeners, so any node can report any ending.
 */
async function redisStore(url: string): Promise<SessionStore> {
  const { RedisSessionStore } = await import("../reference/stores/redisStore.ts");
  const hex = process.env.SESSION_STORE_SECRET;
  if (hex !== undefined && !/^[0-9a-f]{64}$/i.test(hex)) throw new Error("SESSION_STORE_SECRET must be 64 hex digits");
  if (hex === undefined)
    process.stderr.write(
      "SESSION_STORE_SECRET is not set: this node can report only the endings of sessions it asked for itself\n",
    );
  return new RedisSessionStore({
    url,
    secret: hex ? Buffer.from(hex, "hex") : undefined,
  }).connect();
}
