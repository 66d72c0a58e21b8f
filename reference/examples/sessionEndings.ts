/**
 * The Twisted Web "Session Endings" example: a page that asks, once per session, to be told
 * when the session ends, and records `Session <uid> has expired.` when it does.
 */
import { Resource } from "../resource.ts";
import type { Request } from "../request.ts";

export class ExpirationLogger extends Resource {
  private readonly sessionsStarted = new Set<string>();

  /** @param log - where the expiry lines go: an array in tests, standard output when served */
  constructor(private readonly log: (line: string) => void) {
    super();
  }

  render_GET(request: Request): string {
    const session = request.getSession();
    if (!this.sessionsStarted.has(session.uid)) {
      this.sessionsStarted.add(session.uid);
      session.notifyOnExpire(() => this.expired(session.uid));
    }
    return "Your session's ending will be logged.";
  }

  private expired(uid: string): void {
    this.log(`Session ${uid} has expired.`);
    this.sessionsStarted.delete(uid);
  }
}
