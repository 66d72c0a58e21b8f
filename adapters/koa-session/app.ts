/**
 * The suite's page contract on Koa with koa-session, as its README sets it up. Run in a child
 * process by ./index.ts; deviations are in NOTES.md.
 *
 * Cookie mode (the default) keeps the whole session in a signed cookie and has no session id,
 * so each session stores a `uid` made by koa-session's own `genid` on first touch. With
 * KOA_SESSION_STORE=memory it runs in store mode, where the cookie holds an external key and
 * the uid is that key.
 */

import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import Koa, { type Context } from "koa";
import session, { type CreateSessionOptions } from "koa-session";
import { packageVersion, serve, slowMs } from "../frameworks/child.ts";

/** What the pages keep in a session; koa-session types `ctx.session` as any. */
interface PageSession {
  uid?: string;
  count?: number;
  notify?: boolean;
  slowVisits?: number;
  readonly externalKey?: string;
}

const app = new Koa();
app.keys = [randomBytes(32).toString("hex")]; // signed cookies (the default) need keys; fresh per process

const options: CreateSessionOptions = process.env.KOA_SESSION_STORE === "memory" ? { store: memoryStore() } : {};
app.use(session(options, app));

// koa-session's only ending hook: emitted when an expired session is presented again.
app.on("session:expired", ({ value }: { value?: PageSession }) => {
  if (value?.notify && value.uid) console.log(`Session ${value.uid} has expired.`);
});

app.use(async (ctx) => {
  if (ctx.method !== "GET" && ctx.method !== "HEAD") return;
  switch (ctx.path) {
    case "/":
      ctx.body = `Your session id is: ${uidOf(ctx)}`;
      return;
    case "/expire":
      ctx.session = null; // the README's way to destroy a session
      ctx.body = "Your session has been expired.";
      return;
    case "/counter": {
      const page = sessionOf(ctx);
      uidOf(ctx);
      page.count = (page.count ?? 0) + 1;
      ctx.body = `Visit #${page.count} for you!`;
      return;
    }
    case "/slow": {
      // SEC-5's long request: it changes the session, which koa-session commits when the answer ends.
      const ms = slowMs(ctx.query.ms);
      uidOf(ctx);
      sessionOf(ctx).slowVisits = (sessionOf(ctx).slowVisits ?? 0) + 1;
      await sleep(ms);
      ctx.body = `Your session was held for ${ms} ms.`;
      return;
    }
    case "/logme":
      uidOf(ctx);
      sessionOf(ctx).notify = true;
      ctx.body = "Your session's ending will be logged.";
      return;
  }
});

await serve(app.callback(), `${packageVersion("koa")} + ${packageVersion("koa-session")}`);

function sessionOf(ctx: Context): PageSession {
  return ctx.session as PageSession;
}

/** The session's uid, made on first touch (which is also what makes koa-session save it). */
function uidOf(ctx: Context): string {
  const page = sessionOf(ctx);
  const genid = (ctx.sessionOptions as Required<CreateSessionOptions>).genid;
  return (page.uid ??= page.externalKey ?? genid(ctx));
}

/** koa-session ships no store; a Map is all store mode needs, as it checks `_expire` itself. */
function memoryStore(): NonNullable<CreateSessionOptions["store"]> {
  const sessions = new Map<string, unknown>();
  return {
    get: async (key) => sessions.get(key),
    set: async (key, value) => void sessions.set(key, value),
    destroy: async (key) => void sessions.delete(key),
  };
}
