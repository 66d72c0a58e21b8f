import type { Session } from "./session.ts";

/** A value now or later: a memory store answers at once, a networked one later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where a Site keeps its live sessions. Every method may answer through a promise, so a
 * networked store (Redis) plugs in without any change to Resource code: the Site loads a
 * request's session before rendering and waits for the store's writes before answering.
 */
export interface SessionStore {
  /** The session with this uid, or `undefined`; one whose time is up may still be returned. */
  get(uid: string): MaybePromise<Session | undefined>;
  /** Keep a newly made session. */
  add(session: Session): MaybePromise<void>;
  /** The session was touched: push its end out. */
  touched(session: Session): MaybePromise<void>;
  /** Forget a session that ended. */
  remove(session: Session): MaybePromise<void>;
  /**
   * Take up to `limit` sessions whose time is up at `now` out of the schedule; the Site
   * then expires them. The work is proportional to the sessions due, not to those alive.
   */
  takeDue(now: number, limit: number): MaybePromise<Session[]>;
  /** How many sessions the store holds. */
  size(): MaybePromise<number>;
}
