/**
 * A small session server, written apart from the reference, that meets the page contract
 * and can be broken on purpose: each flaw breaks one documented behaviour. Options make it a
 * correct server of another design (id shape, locking, rolling cookie, real time only). The
 * self-test drives it through a target file, or a target built in code when it runs several
 * nodes, and checks the suite's verdicts on it. How it makes ids is in brokenIds.ts, how it
 * reads them in brokenInput.ts, its cookie in brokenCookie.ts, its nodes in brokenNodes.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { TlsIdentity } from "../../lib/tls.ts";
import { cookieFor, MINI_COOKIE } from "./brokenCookie.ts";
import { uidMaker } from "./brokenIds.ts";
import { type Reading, readSessionKey } from "./brokenInput.ts";
import { listenNodes, type MiniNode, NodeViews } from "./brokenNodes.ts";
import type { Flaw, MiniOptions } from "./flaws.ts";

export interface MiniSession {
  uid: string;
  /** What the cookie holds and the store is keyed by: the uid, or "uid" in quotes (adopts-quoted-cookie). */
  key: string;
  lastSeen: number;
  counter: number;
  /** The nodes asked to tell of its end (one node, unless the visitor asked on several). */
  notifyOn: Set<number>;
  /** The node that made it. */
  node: number;
}

export const MINI_TIMEOUT_SECONDS = 600;
/** A real-time server's timeout: short, since the suite waits it out several times. */
export const REAL_TIME_TIMEOUT_SECONDS = 2;
/** Node's default limit on a request's header: the mini server keeps it unless told not to. */
const HEADER_LIMIT = 16 * 1024;

export interface BrokenServer {
  /** The first node's origins. */
  readonly url: URL;
  readonly httpsUrl: URL;
  /** Every node's origins, the first one first. */
  readonly nodes: readonly MiniNode[];
  readonly timeoutSeconds: number;
  /** The name it gives its session cookie. */
  readonly cookieName: string;
  /** Move the server's clock (what POST /_clock/advance does). */
  advance(seconds: number): void;
  /** Every `Session <uid> has expired.` line so far (what GET /_endings shows). */
  endingLines(): string[];
  /** Close node `index` and listen again on its ports; restart-loses-sessions forgets every session. */
  restartNode(index: number): Promise<void>;
  close(): Promise<void>;
}

/** Start the mini server with the given flaws and options on 127.0.0.1, over HTTP and HTTPS. */
export async function startBrokenServer(
  flaws: readonly Flaw[],
  tls: TlsIdentity,
  options: MiniOptions = {},
): Promise<BrokenServer> {
  const has = (flaw: Flaw) => flaws.includes(flaw);
  const makeUid = uidMaker(has, options.idEncoding);
  const timeout = options.realTime ? REAL_TIME_TIMEOUT_SECONDS : MINI_TIMEOUT_SECONDS;
  const cookieName = has("cookie-name-differs") ? "MINI_SID" : MINI_COOKIE;
  const sessions = new Map<string, MiniSession>();
  const views = new NodeViews(has);
  const issued = new Set<string>();
  const timedOutIds = new Set<string>();
  const endings: string[] = [];
  const deferred: string[] = [];
  const locks = new Map<string, Promise<void>>();
  // The server's clock is real time plus every move of /_clock/advance, so a cookie's Expires
  // (written from it) and its sessions' timeouts agree with a client that adds the same moves.
  const startedMs = Date.now();
  let moved = 0;
  const now = () => (Date.now() - startedMs) / 1000 + moved;
  let counterShared = 0;
  let lastServed: string | undefined;
  // Connections that made a new session and may still send on it (shared-connection-state).
  const freshConnections = new Set<Socket>();
  /** Whether a new session on `socket` trips over an earlier one's open connection; the crash clears that state. */
  const crashesBeside = (socket: Socket): boolean => {
    const open = [...freshConnections].some((s) => s !== socket && !s.destroyed && !s.writableEnded);
    if (open) freshConnections.clear();
    else freshConnections.add(socket.once("close", () => freshConnections.delete(socket)));
    return open;
  };
  let wedged = false;

  const carried = new Map<string, number>();
  /** End `session`; an expire on `node` leaves other nodes' copies alive under expire-local-only. */
  const end = (session: MiniSession, how: "expired" | "timed out", node?: number) => {
    sessions.delete(session.key);
    views.forget(session.key, how === "expired" ? node : undefined);
    if (has("carries-data-over")) carried.set(session.key, session.counter);
    if (how === "timed out" && has("revives-timed-out")) timedOutIds.add(session.key);
    if (session.notifyOn.size === 0 || has("never-notifies")) return;
    const times = has("notifies-twice") ? 2 : has("notifies-per-node") ? session.notifyOn.size : 1;
    const lines = Array.from({ length: times }, () => `Session ${session.uid} has expired.`);
    (how === "expired" && has("notifies-at-sweep") ? deferred : endings).push(...lines);
  };
  const timedOut = (s: MiniSession) => !has("never-times-out") && now() - s.lastSeen >= timeout;
  const sweep = () => {
    endings.push(...deferred.splice(0));
    for (const s of [...sessions.values()]) {
      if (!timedOut(s)) continue;
      if (has("no-notify-on-timeout")) s.notifyOn.clear();
      end(s, "timed out");
    }
  };
  const sweeper = options.realTime ? setInterval(sweep, 100).unref() : undefined;
  const newSession = async (node: number, key?: string): Promise<MiniSession> => {
    const uid = key?.replace(/^"(.*)"$/, "$1") ?? (await makeUid());
    const session = { uid, key: key ?? uid, lastSeen: now(), counter: 0, notifyOn: new Set<number>(), node };
    sessions.set(session.key, session);
    issued.add(session.key);
    return session;
  };

  /** Find the session `reading` names or make one; `isNew` says whether to set the cookie. */
  const sessionFor = async (
    reading: Exclude<Reading, { status: number }>,
    node: number,
  ): Promise<{ session: MiniSession; isNew: boolean }> => {
    if (has("shared-uid"))
      return { session: sessions.get("shared") ?? (await newSession(node, "shared")), isNew: false };
    const { key } = reading;
    let found = views.lookUp(sessions, key, node);
    if (found && timedOut(found)) {
      end(found, "timed out");
      found = undefined;
    }
    if (found && !has("rotate-uid")) {
      if (!has("absolute-timeout")) found.lastSeen = now();
      return { session: found, isNew: false };
    }
    const adopt =
      key !== undefined &&
      (reading.adopt ||
        has("adopts-any-cookie") ||
        ((has("resurrects-ended") || has("clears-cookie-but-revives")) && issued.has(key)) ||
        timedOutIds.has(key));
    const session = await newSession(node, adopt ? key : undefined);
    if (found) end(found, "expired", node);
    session.counter = (key !== undefined && carried.get(key)) || 0;
    return { session, isNew: true };
  };

  /** Run `fn` once every earlier request naming `key` has finished (per-session locking). */
  const lockedBy = async <T>(key: string | undefined, fn: () => Promise<T>): Promise<T> => {
    if (!options.locking || key === undefined) return fn();
    const before = locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = before.then(() => new Promise<void>((resolve) => (release = resolve)));
    locks.set(key, mine);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (locks.get(key) === mine) locks.delete(key);
    }
  };

  /** Render a page that uses `session`; some pages take time, and some flaws make them. */
  const render = async (page: string, session: MiniSession, url: URL, node: number): Promise<string> => {
    switch (page) {
      case "/":
        return `Your session id is: ${session.uid}`;
      case "/expire":
        if (has("expire-ends-all")) [...sessions.values()].forEach((s) => end(s, "expired"));
        else if (!has("expire-noop")) end(session, "expired", node);
        return "Your session has been expired.";
      case "/counter": {
        if (has("counter-not-stored")) return "Visit #1 for you!";
        if (has("counter-shared")) return `Visit #${++counterShared} for you!`;
        // Read, wait for a "store", write back: overlapping visits overwrite each other.
        if (has("lost-updates")) {
          const read = session.counter;
          await sleep(2);
          session.counter = read + 1;
          return `Visit #${session.counter} for you!`;
        }
        if (has("lost-updates-across-nodes")) return `Visit #${views.countOn(session, node)} for you!`;
        return `Visit #${++session.counter} for you!`;
      }
      case "/slow": {
        const copy = { ...session };
        await sleep(Math.min(Number(url.searchParams.get("ms")) || 0, 10_000));
        // Save the whole session back at the end, as express-session does (#632), or touch it if it is still live.
        if (has("slow-request-revives")) sessions.set(copy.key, copy);
        else if (sessions.get(session.key) === session) session.lastSeen = now();
        return "Your session was held.";
      }
      default:
        session.notifyOn.add(node);
        return "Your session's ending will be logged.";
    }
  };

  const advance = (seconds: number) => {
    moved += seconds;
    sweep();
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, secure: boolean, node: number) => {
    const url = new URL(req.url ?? "/", "http://mini");
    const send = (status: number, body: string) => {
      const headers = { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) };
      if (req.method !== "HEAD" || !has("head-with-body")) return void res.writeHead(status, headers).end(body);
      // Node drops a HEAD answer's body; this server writes it to the socket itself.
      res.writeHead(status, { ...headers, Connection: "close" }).flushHeaders();
      res.socket?.write(body);
      res.end();
    };
    if ((req.headers.cookie?.length ?? 0) > HEADER_LIMIT) wedged = true;
    if (wedged) return send(503, "out of memory");
    if (url.pathname === "/_clock/advance" && req.method === "POST" && !options.realTime) {
      advance(Number(url.searchParams.get("seconds")));
      return send(200, "ok");
    }
    if (url.pathname === "/_endings") return send(200, endings.map((l) => `${l}\n`).join(""));
    // A path parameter (";name=value") is not part of the page's name, as Tomcat reads it.
    const page = url.pathname.split(";")[0]!;
    if (!["/", "/expire", "/counter", "/logme", "/slow"].includes(page)) return send(404, "not found");
    const allowed = has("head-unsupported") ? ["GET"] : ["GET", "HEAD"];
    if (!allowed.includes(req.method ?? "") && !has("any-method-gets-session")) return send(405, "method not allowed");
    const reading: Reading = has("session-by-ip")
      ? { key: `ip-${req.socket.remoteAddress}`, adopt: true }
      : readSessionKey(req, url, cookieName, has, lastServed);
    if ("status" in reading) return send(reading.status, "cannot read the cookie");
    await lockedBy(reading.key, async () => {
      const { session, isNew } = await sessionFor(reading, node);
      lastServed = session.key;
      const crash = isNew && has("shared-connection-state") && crashesBeside(req.socket);
      // Hold the session out of the map while the request runs, as a take-and-put store does.
      if (has("take-and-put-store")) sessions.delete(session.key);
      const rolling = options.rollingExpires || has("set-cookie-every-response");
      if ((isNew && !has("no-set-cookie")) || rolling)
        res.setHeader("Set-Cookie", cookieFor(session.key, secure, has, lifetimeOf(), lifetimeAttributes()));
      res.setHeader("Cache-Control", has("cacheable-session-page") ? "public, max-age=600" : "no-store");
      if (crash) return send(500, "internal error");
      if (has("take-and-put-store")) await sleep(5);
      const body = await render(page, session, url, node);
      const clears = options.clearsCookieOnExpire || has("clears-cookie-but-revives");
      if (page === "/expire" && clears && !has("expire-noop"))
        res.setHeader("Set-Cookie", cookieFor("", secure, has, { expiresAtMs: 0, maxAgeSeconds: 0 }));
      if (has("take-and-put-store") && page !== "/expire") sessions.set(session.key, session);
      send(200, body);
    });
  };

  /** The cookie's lifetime, a timeout from the server's now; none for a browser-session cookie. */
  const lifetimeOf = () =>
    options.rollingExpires || has("fixed-expires") || has("fixed-max-age")
      ? { expiresAtMs: startedMs + (now() + timeout) * 1000, maxAgeSeconds: timeout }
      : undefined;
  const lifetimeAttributes = () =>
    has("fixed-expires") || options.expiresOnly ? "expires" : has("fixed-max-age") ? "max-age" : "both";

  const serverOptions = { maxHeaderSize: has("huge-header-breaks-server") ? 1024 * 1024 : HEADER_LIMIT };
  // A bug in the mini server itself must show as a 500 in the suite's transcript, not stop the worker.
  const handled = (node: number, secure: boolean) => (req: IncomingMessage, res: ServerResponse) =>
    void handle(req, res, secure, node).catch((error: unknown) => {
      process.stderr.write(`mini server bug: ${(error as Error).stack}\n`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  const listening = await listenNodes(options.nodes ?? 1, handled, tls, serverOptions);
  const [first] = listening.nodes;
  return {
    url: first!.url,
    httpsUrl: first!.httpsUrl,
    nodes: listening.nodes,
    timeoutSeconds: timeout,
    cookieName,
    advance,
    endingLines: () => [...endings],
    restartNode: (index) =>
      listening.restart(index, () => {
        // Sessions kept in the node's memory: a restart loses them.
        if (has("restart-loses-sessions")) sessions.clear();
      }),
    close: async () => {
      clearInterval(sweeper);
      await listening.close();
    },
  };
}
