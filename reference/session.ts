import { Componentized } from "./components.ts";
import type { Site } from "./site.ts";

/** Seconds a session lives without being used, Twisted's `Session.sessionTimeout`. */
export const DEFAULT_SESSION_TIMEOUT = 900;

/**
 * One visitor's session, after `twisted.web.server.Session`: a uid, a sliding idle
 * timeout, stored components, and callbacks run once when it ends.
 */
export class Session extends Componentized {
  /** Seconds since the last `touch()` after which the session ends. */
  sessionTimeout: number;
  /** The Site clock's reading at creation or at the last `touch()`. */
  lastModified: number;
  private expired = false;
  private expireCallbacks?: Array<() => void>;

  /**
   * @param site - the Site that keeps this session
   * @param uid - the opaque identifier carried in the session cookie
   * @param sessionTimeout - idle seconds before the session ends
   */
  constructor(
    readonly site: Site,
    readonly uid: string,
    sessionTimeout: number = site.sessionTimeout,
  ) {
    super(site.registry);
    this.sessionTimeout = sessionTimeout;
    this.lastModified = site.clock.seconds();
  }

  /** The Site clock's reading at which this session ends unless touched again. */
  get expiresAt(): number {
    return this.lastModified + this.sessionTimeout;
  }

  /** Whether `expire()` has run. */
  get isExpired(): boolean {
    return this.expired;
  }

  /** Note that the session was used now, pushing its end out by `sessionTimeout`. */
  touch(): void {
    this.lastModified = this.site.clock.seconds();
  }

  /**
   * Register `callback` to run once, when the session ends by `expire()` or by timeout.
   * Callbacks run in registration order; one that throws is logged and the rest still run.
   */
  notifyOnExpire(callback: () => void): void {
    (this.expireCallbacks ??= []).push(callback);
  }

  /**
   * End the session now: the Site forgets it and its `notifyOnExpire` callbacks run.
   * A second call does nothing (Twisted raises KeyError; a no-op is kinder to racing requests).
   */
  expire(): void {
    if (this.expired) return;
    this.expired = true;
    this.site.forgetSession(this);
    const callbacks = this.expireCallbacks ?? [];
    this.expireCallbacks = undefined;
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        this.site.log(`notifyOnExpire callback of session ${this.uid} failed: ${String(error)}`);
      }
    }
  }
}
