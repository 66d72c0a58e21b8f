import { join } from "node:path";
import { type GunicornApp, gunicornAdapter, runPython } from "../gunicorn/gunicorn.ts";
import type { Adapter } from "../target.ts";

/**
 * Django 3.2 (Debian's python3-django) with django.contrib.sessions on its default database
 * backend (SQLite in a private folder), under Debian's gunicorn, over HTTP and HTTPS. Django has
 * no hook for a session's end, so the endings scenarios are not applicable.
 */
const django: GunicornApp = {
  name: "django",
  label: "Django",
  module: "django",
  appDir: new URL(".", import.meta.url),
  wsgi: "app:application",
  packages: ["python3-django", "python3-gunicorn"],
  cookieName: "sessionid",
  // SESSION_COOKIE_AGE's default: two weeks, moved through the app's clock.
  sessionTimeoutSeconds: 1_209_600,
  // get_random_string(32) over lowercase letters and digits.
  uidPattern: /Your session id is: ([a-z0-9]+)/,
  env: (dir) => ({ SC_DATABASE: join(dir, "db.sqlite3") }),
  // Create the session table first, as `manage.py migrate` would before deploying.
  prepare: (env) => runPython(django, ["app.py", "migrate", "--verbosity", "0"], env),
};

export const djangoAdapter: Adapter = gunicornAdapter(django);
