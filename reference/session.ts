import { Componentized, type ComponentRegistry } from "./components.ts";
import type { ISession } from "./interfaces.ts";
import type { Site } from "./site.ts";

/** A callback to run when the session ends, or the name of a listener the Site knows. */
export type EndCallback = (() => void) | string;

/** Seconds a session lives without being used, Twisted's `Session.sessionTimeout`. */
export const DEFAULT_SESSION_TIMEOUT = 900;

/**
 * One visitor's session, after `twisted.web.server.Session`: a uid, a sliding idle
 * timeout, stored components, and callbacks run once when it ends.
 */
export class Session extends Componentized implements ISession {
  /** Seconds since the last `touch()` after which the session ends. */
  sessionTimeout: number;
  /** The Site clock's reading at creation or at the last `touch()`. */
  lastModified: number;
  /**
   * The `notifyOnExpire` callbacks, made on first use, and `null` once the session has ended:
   * one field for both, since every field costs 8 bytes in each live session.
   */
  private endCallbacks: EndCallback[] | null | undefined = undefined;

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
    super();
    this.sessionTimeout = sessionTimeout;
    this.lastModified = site.clock.seconds();
  }

  /** The Site's adapter registry, asked for rather than kept on every session. */
  protected override get registry(): ComponentRegistry {
    return this.site.registry;
  }

  /** The Site clock's reading at which this session ends unless touched again. */
  get expiresAt(): number {
    return this.lastModified + this.sessionTimeout;
  }

  /** Whether `expire()` has run. */
  get isExpired(): boolean {
    return this.endCallbacks === null;
  }

  /** Note that the session was used now, pushing its end out by `sessionTimeout`. */
  touch(): void {
    this.lastModified = this.site.clock.seconds();
  }

  /**
   * Register `callback` to run once, when the session ends by `expire()` or by timeout.
   * Callbacks run in registration order; one that throws is logged and the rest still run.
   * Once the session has ended, a new callback is dropped: it could never run.
   */
  notifyOnExpire(callback: () => void): void {
    if (this.endCallbacks === null) return;
    (this.endCallbacks ??= []).push(callback);
  }

  /**
   * Like `notifyOnExpire`, but with a listener the Site knows by name (`Site.addEndingListener`).
   * A name is data, so a store may keep it outside this process, and any node can run it; asking
   * twice counts once. The Twisted examples' closure could only run in the process that made it.
   */
  notifyOnExpireBy(listener: string): void {
    if (this.endCallbacks === null) return;
    const callbacks = (this.endCallbacks ??= []);
    if (!callbacks.includes(listener)) callbacks.push(listener);
    this.site.listenerAdded(this, listener);
  }

  /**
   * End the session now: the Site forgets it and its `notifyOnExpire` callbacks run.
   * A second call does nothing (Twisted raises KeyError; a no-op is kinder to racing requests).
   */
  expire(): void {
    if (this.endCallbacks === null) return;
    const callbacks = this.endCallbacks ?? [];
    this.endCallbacks = null;
    this.site.forgetSession(this, callbacks);
  }
}
