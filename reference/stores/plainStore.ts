import type { Session } from "../session.ts";
import type { SessionStore } from "../store.ts";

/**
 * The simplest store: one Map from uid to session, and a sweep that looks at every session.
 * Read this one first; use MemorySessionStore (../memoryStore.ts) for many sessions, whose
 * sweep costs what falls due rather than what is alive, or RedisSessionStore for several nodes.
 */
export class PlainSessionStore implements SessionStore {
  readonly synchronous = true;
  private readonly sessions = new Map<string, Session>();

  get(uid: string): Session | undefined {
    return this.sessions.get(uid);
  }

  add(session: Session): void {
    this.sessions.set(session.uid, session);
  }

  touched(): void {
    // The session's own lastModified is the data; the sweep reads it.
  }

  remove(session: Session): void {
    if (this.sessions.get(session.uid) === session) this.sessions.delete(session.uid);
  }

  takeDue(now: number, limit: number): Session[] {
    const due: Session[] = [];
    for (const session of this.sessions.values()) {
      if (due.length === limit) break;
      if (session.expiresAt <= now) due.push(session);
    }
    return due;
  }

  size(): number {
    return this.sessions.size;
  }
}
