import { setImmediate as nextTurn } from "node:timers/promises";
import { Heap } from "heap-js";
import type { Session } from "./session.ts";
import type { SessionStore } from "./store.ts";

/**
 * The sessions are spread over 2^SHARD_BITS maps by their uid's first two hex digits. A Map
 * grows and shrinks by rehashing all its entries at once, which for a million sessions stalls
 * the event loop; the maps fill alike and so rehash at about the same time, so more, smaller
 * maps keep each stall short, at a small cost in CPU cache. The figures that chose 256 are in
 * bench/notes.md ("Shards of the memory store").
 */
const SHARD_BITS = 8;
/** Sessions `takeDue` looks at per turn of the event loop, whether it expires or re-files them. */
const EXAMINED_PER_TURN = 2000;
/**
 * Sessions per array in a bucket. One array of a million would be copied whole each time it
 * grows, and V8 pays for allocating it with a long step of marking: both stall the event loop.
 */
const CHUNK = 4096;

/**
 * Sessions in process memory, with expiry by deadline buckets instead of a timer per session.
 *
 * A session sits in the bucket of the whole second its timeout fell due when it was last
 * scheduled. Touching it only moves `lastModified`; when its bucket comes due the session is
 * either expired or put in the bucket of its new deadline. So a live session costs at most
 * one re-check per timeout period, and a sweep's work follows what falls due. That work is
 * spread over turns of the event loop, so a bucket of a million live sessions never stalls it.
 */
export class MemorySessionStore implements SessionStore {
  readonly synchronous: boolean = true;
  private readonly shards = Array.from({ length: 1 << SHARD_BITS }, () => new Map<string, Session>());
  private readonly buckets = new Map<number, Bucket>();
  private readonly deadlines = new Heap<number>();

  get(uid: string): Session | undefined {
    return this.shardOf(uid).get(uid);
  }

  add(session: Session): void {
    this.shardOf(session.uid).set(session.uid, session);
    this.schedule(session);
  }

  touched(): void {
    // Nothing to do: the bucket holding the session re-checks its deadline when due.
  }

  remove(session: Session): void {
    const shard = this.shardOf(session.uid);
    if (shard.get(session.uid) === session) shard.delete(session.uid);
  }

  /** Up to `limit` due sessions; at once when that takes one turn's work, else over several turns. */
  takeDue(now: number, limit: number): Session[] | Promise<Session[]> {
    const due: Session[] = [];
    return this.collectDue(now, limit, due) ? due : this.collectDueLater(now, limit, due);
  }

  size(): number {
    let size = 0;
    for (const shard of this.shards) size += shard.size;
    return size;
  }

  /**
   * Move due sessions from the buckets into `due` (up to `limit`), re-filing those touched
   * since, and look at no more than one turn's worth.
   * @returns true when done: `due` is full or nothing more is due
   */
  private collectDue(now: number, limit: number, due: Session[]): boolean {
    let budget = EXAMINED_PER_TURN;
    while (due.length < limit && this.deadlines.length > 0 && this.deadlines.peek()! <= now) {
      if (budget === 0) return false;
      const second = this.deadlines.peek()!;
      const bucket = this.buckets.get(second)!;
      for (; !bucket.isEmpty() && due.length < limit && budget > 0; budget--) {
        const session = bucket.pop();
        if (!this.holds(session)) continue;
        if (session.expiresAt <= now) due.push(session);
        else this.schedule(session);
      }
      if (bucket.isEmpty()) {
        this.buckets.delete(second);
        this.deadlines.pop();
      }
    }
    return true;
  }

  /**
   * Finish `takeDue` over later turns. Requests run in between, so the sessions taken before a
   * turn are checked again after it: one that ended is dropped, one touched is re-filed.
   */
  private async collectDueLater(now: number, limit: number, due: Session[]): Promise<Session[]> {
    do {
      await nextTurn();
      let kept = 0;
      for (const session of due) {
        if (!this.holds(session)) continue;
        if (session.expiresAt <= now) due[kept++] = session;
        else this.schedule(session);
      }
      due.length = kept;
    } while (!this.collectDue(now, limit, due));
    return due;
  }

  private holds(session: Session): boolean {
    return this.shardOf(session.uid).get(session.uid) === session;
  }

  /** The shard of a uid: its first two characters read as hex digits (any string works). */
  private shardOf(uid: string): Map<string, Session> {
    return this.shards[((hexDigit(uid.charCodeAt(0)) << 4) | hexDigit(uid.charCodeAt(1))) >> (8 - SHARD_BITS)]!;
  }

  private schedule(session: Session): void {
    const second = Math.ceil(session.expiresAt);
    const bucket = this.buckets.get(second);
    if (bucket) bucket.push(session);
    else {
      this.buckets.set(second, new Bucket(session));
      this.deadlines.push(second);
    }
  }
}

/** The sessions filed under one second: a stack kept in arrays of at most CHUNK. */
class Bucket {
  private readonly chunks: Session[][];

  constructor(first: Session) {
    this.chunks = [[first]];
  }

  isEmpty(): boolean {
    return this.chunks.length === 0;
  }

  push(session: Session): void {
    const top = this.chunks.at(-1);
    if (top && top.length < CHUNK) top.push(session);
    else this.chunks.push([session]);
  }

  /** The last session pushed; the caller checks `isEmpty()` first. */
  pop(): Session {
    const top = this.chunks.at(-1)!;
    const session = top.pop()!;
    if (top.length === 0) this.chunks.pop();
    return session;
  }
}

/** The value of a hex digit's character code (0-15); other codes, and NaN, map into 0-15 too. */
function hexDigit(code: number): number {
  return ((code & 15) + (code >> 6) * 9) & 15;
}
