import type { Session } from "./session.ts";
import type { Site } from "./site.ts";

/** A value now or later: a memory store answers at once, a networked one later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where a Site keeps its live sessions (ISessionStore). Every method may answer through a
 * promise, so a networked store (Redis) plugs in without any change to Resource code: the Site
 * loads a request's session before rendering and waits for the store's writes before answering.
 */
export interface SessionStore {
  /**
   * True when every method but `takeDue` answers at once, never through a promise (memory).
   * The Site then has no write to wait for after a request's first await, and needs no async
   * context (AsyncLocalStorage) to find a request's writes: its hooks would cost every promise
   * and every socket of the process.
   */
  readonly synchronous?: boolean;
  /** The session with this uid, or `undefined`; one whose time is up may still be returned. */
  get(uid: string): MaybePromise<Session | undefined>;
  /** Keep a newly made session. */
  add(session: Session): MaybePromise<void>;
  /** The session was touched: push its end out. */
  touched(session: Session): MaybePromise<void>;
  /**
   * Forget a session that ended. A store that keeps ending listeners as data (outside this
   * process) answers the names of those this caller must run: its call is the one that ended
   * the session, so across every node exactly one caller gets them. Other stores answer nothing,
   * and the session's own list is used.
   */
  remove(session: Session): MaybePromise<void | readonly string[]>;
  /** Keep, as data, that `listener` (a name the Site knows) asked to be told of the session's end. */
  listen?(session: Session, listener: string): MaybePromise<void>;
  /**
   * Take up to `limit` sessions whose time is up at `now` out of the schedule; the Site
   * then expires them. The work is proportional to the sessions due, not to those alive.
   */
  takeDue(now: number, limit: number): MaybePromise<Session[]>;
  /** Called once by the Site that keeps its sessions here. */
  bind?(site: Site): void;
  /** How many sessions the store holds. */
  size(): MaybePromise<number>;
}

/**
 * A store that cannot do what it was asked (its server is unreachable, a write failed). The
 * Site answers the visitor 503 with `message` as the one-line reason, never as if it had worked.
 */
export class SessionStoreError extends Error {
  override name = "SessionStoreError";
}
