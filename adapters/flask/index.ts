import { gunicornAdapter } from "../gunicorn/gunicorn.ts";
import type { Adapter } from "../target.ts";

/**
 * Flask 2.2 (Debian's python3-flask) with its default signed-cookie session, under Debian's
 * gunicorn, over HTTP and HTTPS. The uid is a random value the app keeps in the session (a
 * cookie session has no id of its own). Flask has no hook for a session's end.
 */
export const flaskAdapter: Adapter = gunicornAdapter({
  name: "flask",
  label: "Flask",
  module: "flask",
  appDir: new URL(".", import.meta.url),
  wsgi: "app:app",
  packages: ["python3-flask", "python3-gunicorn"],
  cookieName: "session",
  // PERMANENT_SESSION_LIFETIME's default (31 days): the oldest signature the app accepts.
  sessionTimeoutSeconds: 31 * 24 * 3600,
  // secrets.token_urlsafe(): 32 random bytes in base64url.
  uidPattern: /Your session id is: ([A-Za-z0-9_-]+)/,
});
