/**
 * A page that holds the visitor's session while it works, then writes to it: the long
 * request of express-session #632, whose late save brought back a session that had been
 * logged out meanwhile. Not one of Twisted's examples; the suite's SEC-5 needs it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { MAX_SLOW_MS, slowText } from "../../lib/pages.ts";
import type { Request } from "../request.ts";
import { Resource } from "../resource.ts";

export class SlowResource extends Resource {
  /** `GET ?ms=N`: load the session, wait N milliseconds of real time, then touch it. */
  async render_GET(request: Request): Promise<string> {
    const ms = Math.min(Math.max(Number(request.args.get("ms")) || 0, 0), MAX_SLOW_MS);
    const session = request.getSession();
    await sleep(ms);
    // The write at the end: Site.touchSession leaves a session that ended meanwhile ended.
    request.site.touchSession(session);
    return slowText(ms);
  }
}
