import { frameworkAdapter } from "../frameworks/adapter.ts";
import type { Adapter } from "../target.ts";

/**
 * Express 5 with express-session 1 (MemoryStore) in a child process. express-session has no
 * hook for a session's end, so the endings scenarios are not applicable.
 */
export const expressSessionAdapter: Adapter = frameworkAdapter({
  name: "express-session",
  app: new URL("./app.ts", import.meta.url),
  cookieName: "connect.sid",
  // express-session has no timeout by default; Twisted's 900 s, set as cookie.maxAge.
  sessionTimeoutSeconds: 900,
  // uid-safe: 24 random bytes in base64url.
  uidPattern: /Your session id is: ([A-Za-z0-9_-]+)/,
});
