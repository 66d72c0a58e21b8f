/**
 * Pages that let a test suite drive the example site from outside, served only when asked
 * for (`serve --manual-clock`): move the site's clock, and list the sessions that ended.
 */
import type { ManualClock } from "../clock.ts";
import type { Request } from "../request.ts";
import { Resource } from "../resource.ts";
import type { Site } from "../site.ts";

/** `POST /_clock/advance?seconds=N`: move the clock and expire what fell due. */
export class ClockAdvance extends Resource {
  constructor(
    private readonly clock: ManualClock,
    private readonly site: Site,
  ) {
    super();
  }

  async render_POST(request: Request): Promise<string> {
    const seconds = Number(request.args.get("seconds"));
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      request.setResponseCode(400);
      return "seconds must be a number of seconds, 0 or more";
    }
    this.clock.advance(seconds);
    await this.site.sweep();
    return "ok";
  }
}

/** `GET /_endings`: one `Session <uid> has expired.` line per ended session. */
export class EndingsPage extends Resource {
  constructor(private readonly lines: string[]) {
    super();
  }

  render_GET(request: Request): string {
    request.setHeader("Content-Type", "text/plain; charset=utf-8");
    return this.lines.map((line) => `${line}\n`).join("");
  }
}
