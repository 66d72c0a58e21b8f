/**
 * The child-process half every framework app shares: a fake `Date` the suite moves over HTTP,
 * the suite's control routes, and the ready line. An app file imports this module FIRST, so the
 * fake clock is in place before any framework module runs.
 */

import { existsSync, readFileSync } from "node:fs";
import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { install } from "@sinonjs/fake-timers";
import { MAX_SLOW_MS } from "../../lib/pages.ts";

/**
 * Only `Date` is faked: the session libraries read expiry from `Date.now()`, while real timers
 * keep sockets and keep-alive working. It starts at the real time (fake-timers' default is
 * 1970, which would put every cookie's `Expires` in the past) and then stands still until the
 * suite moves it, like the Twisted adapter's task.Clock: a check at exactly the timeout gives
 * the same answer on every run. (The price: a target left running longer than its timeout in
 * real time without any advance would send `Expires` that a real-clock cookie jar finds past.)
 */
export const clock = install({ toFake: ["Date"], now: Date.now(), shouldAdvanceTime: false });

process.on("SIGTERM", () => process.exit(0));

let syncs = 0;

/**
 * Answer the suite's control routes before the framework sees the request, so they never make
 * or touch a session; pass everything else to `app`.
 * - `POST /_clock/advance?seconds=N` moves the fake `Date` on by N seconds.
 * - `POST /_endings/sync` prints `_sync <n>` and answers n: a reader of stdout that has seen the
 *   marker has seen every line printed before it.
 */
export function withControlRoutes(app: RequestListener): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/_clock/advance") {
      const seconds = Number(url.searchParams.get("seconds"));
      if (!Number.isFinite(seconds) || seconds < 0) return reply(res, 400, "seconds must be a number >= 0");
      clock.tick(seconds * 1000);
      return reply(res, 200, "ok");
    }
    if (req.method === "POST" && url.pathname === "/_endings/sync") {
      console.log(`_sync ${++syncs}`);
      return reply(res, 200, String(syncs));
    }
    app(req, res);
  };
}

/** Serve `app` (behind the control routes) on 127.0.0.1 at a free port, then announce it. */
export async function serve(app: RequestListener, version: string): Promise<Server> {
  const server = createServer(withControlRoutes(app));
  await listenOnLoopback(server);
  announce(server, version, await listenTls(withControlRoutes(app)));
  return server;
}

/**
 * Serve `listener` over HTTPS too, on a free port, when the adapter passed a certificate and its
 * key (TLS_CERT, TLS_KEY: a throwaway pair made for this run).
 * @returns the HTTPS port, or undefined when no certificate was passed
 */
export async function listenTls(listener: RequestListener): Promise<number | undefined> {
  const { TLS_CERT: cert, TLS_KEY: key } = process.env;
  if (!cert || !key) return undefined;
  const server = createHttpsServer({ cert, key }, listener);
  await listenOnLoopback(server);
  return (server.address() as AddressInfo).port;
}

function listenOnLoopback(server: Server | HttpsServer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
}

/** Print the one JSON ready line spawnServer() waits for. */
export function announce(server: Server, version: string, httpsPort?: number): void {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ ready: true, port, httpsPort, version }));
}

/** `name x.y.z` of an installed package, read from its package.json (which `exports` may hide). */
export function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = join(dir, name, "package.json");
    if (existsSync(file)) return `${name} ${(JSON.parse(readFileSync(file, "utf8")) as { version: string }).version}`;
  }
  return `${name} (version unknown)`;
}

/** The idle timeout the adapter asked for, in milliseconds (env SESSION_TIMEOUT_SECONDS). */
export function timeoutMs(): number {
  const seconds = Number(process.env.SESSION_TIMEOUT_SECONDS);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error("SESSION_TIMEOUT_SECONDS must be a positive number");
  return seconds * 1000;
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
}

/** The delay a visitor asked the slow page for (`?ms=N`), capped so no request is held long. */
export function slowMs(asked: unknown): number {
  return Math.min(Math.max(Number(asked) || 0, 0), MAX_SLOW_MS);
}
