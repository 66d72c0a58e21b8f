import { Heap } from "heap-js";
import type { Session } from "./session.ts";
import type { SessionStore } from "./store.ts";

/**
 * Sessions in process memory, with expiry by deadline buckets instead of a timer per session.
 *
 * A session sits in the bucket of the whole second its timeout fell due when it was last
 * scheduled. Touching it only moves `lastModified`; when its bucket comes due the session is
 * either expired or put in the bucket of its new deadline. So a live session costs at most
 * one re-check per timeout period, and a sweep's work follows what falls due.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly buckets = new Map<number, Session[]>();
  private readonly deadlines = new Heap<number>();

  get(uid: string): Session | undefined {
    return this.sessions.get(uid);
  }

  add(session: Session): void {
    this.sessions.set(session.uid, session);
    this.schedule(session);
  }

  touched(): void {
    // Nothing to do: the bucket holding the session re-checks its deadline when due.
  }

  remove(session: Session): void {
    if (this.sessions.get(session.uid) === session) this.sessions.delete(session.uid);
  }

  takeDue(now: number, limit: number): Session[] {
    const due: Session[] = [];
    while (due.length < limit && this.deadlines.length > 0 && this.deadlines.peek()! <= now) {
      const second = this.deadlines.peek()!;
      const bucket = this.buckets.get(second)!;
      while (bucket.length > 0 && due.length < limit) {
        const session = bucket.pop()!;
        if (this.sessions.get(session.uid) !== session) continue;
        if (session.expiresAt <= now) due.push(session);
        else this.schedule(session);
      }
      if (bucket.length === 0) {
        this.buckets.delete(second);
        this.deadlines.pop();
      }
    }
    return due;
  }

  size(): number {
    return this.sessions.size;
  }

  private schedule(session: Session): void {
    const second = Math.ceil(session.expiresAt);
    const bucket = this.buckets.get(second);
    if (bucket) bucket.push(session);
    else {
      this.buckets.set(second, [session]);
      this.deadlines.push(second);
    }
  }
}
