import { frameworkAdapter } from "../frameworks/adapter.ts";
import type { Adapter } from "../target.ts";

/**
 * Fastify 5 with @fastify/session 11 (its in-memory store) in a child process. The plugin has
 * no hook for a session's end, so the endings scenarios are not applicable.
 */
export const fastifySessionAdapter: Adapter = frameworkAdapter({
  name: "fastify-session",
  app: new URL("./app.ts", import.meta.url),
  cookieName: "sessionId",
  // @fastify/session has no timeout by default; Twisted's 900 s, set as cookie.maxAge.
  sessionTimeoutSeconds: 900,
  // 24 random bytes in base64url.
  uidPattern: /Your session id is: ([A-Za-z0-9_-]+)/,
});
