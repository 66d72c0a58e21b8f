/**
 * A small session server, written apart from the reference, that meets the page contract
 * and can be broken on purpose: each flaw breaks one documented behaviour. The self-test
 * drives it through the url adapter and checks that the suite notices each flaw. How it makes
 * ids is in brokenIds.ts, how it reads them in brokenInput.ts.
 */
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { stringifySetCookie } from "cookie";
import type { TlsIdentity } from "../../lib/tls.ts";
import { uidMaker } from "./brokenIds.ts";
import { readSessionKey } from "./brokenInput.ts";
import type { Flaw } from "./flaws.ts";

interface MiniSession {
  uid: string;
  lastSeen: number;
  counter: number;
  notify: boolean;
}

const COOKIE = "MINI_SESSION";
export const MINI_TIMEOUT_SECONDS = 600;
/** Node's default limit on a request's header: the mini server keeps it unless told not to. */
const HEADER_LIMIT = 16 * 1024;

export interface BrokenServer {
  readonly url: URL;
  readonly httpsUrl: URL;
  close(): Promise<void>;
}

/** Start the mini server with the given flaws on 127.0.0.1, over HTTP and HTTPS. */
export async function startBrokenServer(flaws: readonly Flaw[], tls: TlsIdentity): Promise<BrokenServer> {
  const has = (flaw: Flaw) => flaws.includes(flaw);
  const makeUid = uidMaker(has);
  const sessions = new Map<string, MiniSession>();
  const issued = new Set<string>();
  const endings: string[] = [];
  let now = 0;
  let counterShared = 0;
  let lastServed: string | undefined;
  let wedged = false;

  const carried = new Map<string, number>();
  const end = (session: MiniSession) => {
    sessions.delete(session.uid);
    if (has("carries-data-over")) carried.set(session.uid, session.counter);
    if (session.notify && !has("never-notifies")) {
      for (let i = 0; i < (has("notifies-twice") ? 2 : 1); i++) endings.push(`Session ${session.uid} has expired.`);
    }
  };
  const timedOut = (s: MiniSession) => !has("never-times-out") && now - s.lastSeen >= MINI_TIMEOUT_SECONDS;
  const sweep = () => {
    for (const s of [...sessions.values()]) {
      if (!timedOut(s)) continue;
      if (has("no-notify-on-timeout")) s.notify = false;
      end(s);
    }
  };
  const newSession = (uid = makeUid()): MiniSession => {
    const session = { uid, lastSeen: now, counter: 0, notify: false };
    sessions.set(uid, session);
    issued.add(uid);
    return session;
  };

  /** Find the visitor's session or make one; `isNew` says whether to set the cookie. */
  const sessionFor = (req: IncomingMessage, url: URL): { session: MiniSession; isNew: boolean } | { status: number } => {
    if (has("shared-uid")) return { session: sessions.get("shared") ?? newSession("shared"), isNew: false };
    const reading = has("session-by-ip") ? { key: `ip-${req.socket.remoteAddress}` } : readSessionKey(req, url, COOKIE, has, lastServed);
    if ("status" in reading) return reading;
    const { key } = reading;
    let found = key === undefined ? undefined : sessions.get(key);
    if (found && timedOut(found)) {
      end(found);
      found = undefined;
    }
    if (found && !has("rotate-uid")) {
      if (!has("absolute-timeout")) found.lastSeen = now;
      return { session: found, isNew: false };
    }
    const adopt = key !== undefined && (has("adopts-any-cookie") || has("session-by-ip") || (has("resurrects-ended") && issued.has(key)));
    const session = newSession(adopt ? key : undefined);
    if (found) end(found);
    session.counter = (key !== undefined && carried.get(key)) || 0;
    return { session, isNew: true };
  };

  /** Render a page that uses `session`; some pages take time, and some flaws make them. */
  const render = async (page: string, session: MiniSession, url: URL): Promise<string> => {
    switch (page) {
      case "/":
        return `Your session id is: ${session.uid}`;
      case "/expire":
        if (has("expire-ends-all")) [...sessions.values()].forEach((s) => end(s));
        else if (!has("expire-noop")) end(session);
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
        return `Visit #${++session.counter} for you!`;
      }
      case "/slow": {
        const copy = { ...session };
        await sleep(Math.min(Number(url.searchParams.get("ms")) || 0, 10_000));
        // Save the whole session back at the end, as express-session does (#632), or touch it if it is still live.
        if (has("slow-request-revives")) sessions.set(copy.uid, copy);
        else if (sessions.get(session.uid) === session) session.lastSeen = now;
        return "Your session was held.";
      }
      default:
        session.notify = true;
        return "Your session's ending will be logged.";
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, secure: boolean) => {
    const url = new URL(req.url ?? "/", "http://mini");
    const send = (status: number, body: string) => res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end(body);
    if ((req.headers.cookie?.length ?? 0) > HEADER_LIMIT) wedged = true;
    if (wedged) return send(503, "out of memory");
    if (url.pathname === "/_clock/advance" && req.method === "POST") {
      now += Number(url.searchParams.get("seconds"));
      sweep();
      return send(200, "ok");
    }
    if (url.pathname === "/_endings") return send(200, endings.map((l) => `${l}\n`).join(""));
    // A path parameter (";name=value") is not part of the page's name, as Tomcat reads it.
    const page = url.pathname.split(";")[0]!;
    if (!["/", "/expire", "/counter", "/logme", "/slow"].includes(page)) return send(404, "not found");
    const allowed = has("head-unsupported") ? ["GET"] : ["GET", "HEAD"];
    if (!allowed.includes(req.method ?? "") && !has("any-method-gets-session")) return send(405, "method not allowed");
    const found = sessionFor(req, url);
    if ("status" in found) return send(found.status, "cannot read the cookie");
    const { session, isNew } = found;
    lastServed = session.uid;
    // Hold the session out of the map while the request runs, as a take-and-put store does.
    if (has("take-and-put-store")) sessions.delete(session.uid);
    if ((isNew && !has("no-set-cookie")) || has("set-cookie-every-response")) res.setHeader("Set-Cookie", cookieFor(session.uid, secure, has));
    res.setHeader("Cache-Control", has("cacheable-session-page") ? "public, max-age=600" : "no-store");
    if (has("take-and-put-store")) await sleep(5);
    const body = await render(page, session, url);
    if (has("take-and-put-store") && page !== "/expire") sessions.set(session.uid, session);
    send(200, body);
  };

  const serverOptions = { maxHeaderSize: has("huge-header-breaks-server") ? 1024 * 1024 : HEADER_LIMIT };
  const http = createHttp(serverOptions, (req, res) => void handle(req, res, false));
  const https = createHttps({ ...tls, ...serverOptions }, (req, res) => void handle(req, res, true));
  const [url, httpsUrl] = await Promise.all([listenOn(http, "http"), listenOn(https, "https")]);
  return {
    url,
    httpsUrl,
    close: async () => {
      await Promise.all([http, https].map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
    },
  };
}

function cookieFor(uid: string, secure: boolean, has: (flaw: Flaw) => boolean): string {
  return stringifySetCookie({
    name: has("huge-cookie") ? `${COOKIE}_${"X".repeat(4100)}` : COOKIE,
    value: uid,
    path: has("cookie-path-subdir") ? "/app" : "/",
    httpOnly: !has("no-httponly"),
    sameSite: has("no-samesite") ? undefined : "lax",
    secure: secure && !has("no-secure-over-https"),
  });
}

async function listenOn(server: Server, scheme: string): Promise<URL> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return new URL(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`);
}
