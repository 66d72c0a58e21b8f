import { frameworkAdapter } from "../frameworks/adapter.ts";
import type { Adapter } from "../target.ts";

/** koa-session's default maxAge: one day. */
const ONE_DAY = 86_400;

/**
 * Koa 3 with koa-session 7 in its default cookie mode, in a child process. Its
 * `session:expired` event is the endings hook, behind the `/logme` page.
 */
export const koaSessionAdapter: Adapter = frameworkAdapter({
  name: "koa-session",
  app: new URL("./app.ts", import.meta.url),
  cookieName: "koa.sess",
  sessionTimeoutSeconds: ONE_DAY,
  // crypto.randomUUID(), koa-session's genid.
  uidPattern: /Your session id is: ([0-9a-f-]+)/,
  notify: "/logme",
});

/** The same app in koa-session's store mode (an in-memory Map): the cookie holds the uid. */
export const koaSessionStoreAdapter: Adapter = frameworkAdapter({
  name: "koa-session-store",
  app: new URL("./app.ts", import.meta.url),
  cookieName: "koa.sess",
  sessionTimeoutSeconds: ONE_DAY,
  uidPattern: /Your session id is: ([0-9a-f-]+)/,
  notify: "/logme",
  env: { KOA_SESSION_STORE: "memory" },
});
