/**
 * A small session server, written apart from the reference, that meets the page contract
 * and can be broken on purpose: each flaw breaks one documented behaviour. The self-test
 * drives it through the url adapter and checks that the suite notices each flaw.
 */
import { randomBytes } from "node:crypto";
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import type { AddressInfo } from "node:net";
import { parseCookie, stringifySetCookie } from "cookie";
import type { TlsIdentity } from "../../reference/server.ts";
import type { Flaw } from "./flaws.ts";

interface MiniSession {
  uid: string;
  lastSeen: number;
  counter: number;
  notify: boolean;
  notified: number;
}

const COOKIE = "MINI_SESSION";
export const MINI_TIMEOUT_SECONDS = 600;

export interface BrokenServer {
  readonly url: URL;
  readonly httpsUrl: URL;
  close(): Promise<void>;
}

/** Start the mini server with the given flaws on 127.0.0.1, over HTTP and HTTPS. */
export async function startBrokenServer(flaws: readonly Flaw[], tls: TlsIdentity): Promise<BrokenServer> {
  const has = (flaw: Flaw) => flaws.includes(flaw);
  const sessions = new Map<string, MiniSession>();
  const issued = new Set<string>();
  const endings: string[] = [];
  let now = 0;
  let counterShared = 0;

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
  const newSession = (uid = randomBytes(32).toString("hex")): MiniSession => {
    const session = { uid, lastSeen: now, counter: 0, notify: false, notified: 0 };
    sessions.set(uid, session);
    issued.add(uid);
    return session;
  };

  /** Find the visitor's session or make one; `isNew` says whether to set the cookie. */
  const sessionFor = (req: IncomingMessage): { session: MiniSession; isNew: boolean } => {
    if (has("shared-uid")) return { session: sessions.get("shared") ?? newSession("shared"), isNew: false };
    const key = has("session-by-ip") ? `ip-${req.socket.remoteAddress}` : parseCookie(req.headers.cookie ?? "")[COOKIE];
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

  const handle = (req: IncomingMessage, res: ServerResponse, secure: boolean) => {
    const url = new URL(req.url ?? "/", "http://mini");
    const send = (status: number, body: string) => res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end(body);
    if (url.pathname === "/_clock/advance" && req.method === "POST") {
      now += Number(url.searchParams.get("seconds"));
      sweep();
      return send(200, "ok");
    }
    if (url.pathname === "/_endings") return send(200, endings.map((l) => `${l}\n`).join(""));
    if (!["/", "/expire", "/counter", "/logme"].includes(url.pathname)) return send(404, "not found");
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
    const { session, isNew } = sessionFor(req);
    if ((isNew && !has("no-set-cookie")) || has("set-cookie-every-response")) res.setHeader("Set-Cookie", cookieFor(session.uid, secure, has));
    switch (url.pathname) {
      case "/":
        return send(200, `Your session id is: ${session.uid}`);
      case "/expire":
        if (has("expire-ends-all")) [...sessions.values()].forEach((s) => end(s));
        else if (!has("expire-noop")) end(session);
        return send(200, "Your session has been expired.");
      case "/counter": {
        const value = has("counter-not-stored") ? 1 : has("counter-shared") ? ++counterShared : ++session.counter;
        return send(200, `Visit #${value} for you!`);
      }
      default:
        session.notify = true;
        return send(200, "Your session's ending will be logged.");
    }
  };

  const http = createHttp((req, res) => handle(req, res, false));
  const https = createHttps(tls, (req, res) => handle(req, res, true));
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
