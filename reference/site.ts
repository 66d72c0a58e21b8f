import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";
import { type Clock, type DelayedCall, realClock } from "./clock.ts";
import { type ComponentRegistry, globalRegistry } from "./components.ts";
import { MemorySessionStore } from "./memoryStore.ts";
import { Request } from "./request.ts";
import type { RenderResult, Resource } from "./resource.ts";
import { DEFAULT_SESSION_TIMEOUT, type EndCallback, Session } from "./session.ts";
import { type MaybePromise, type SessionStore, SessionStoreError } from "./store.ts";

/** Twisted's cookie names: one for plain HTTP, another for HTTPS, so the two never mix. */
export const DEFAULT_COOKIE_NAME = "TWISTED_SESSION";
export const DEFAULT_SECURE_COOKIE_NAME = "TWISTED_SECURE_SESSION";

/** A uid as `makeSession` writes it: 256 bits in lowercase hex. Anything else is never looked up. */
const UID_PATTERN = /^[0-9a-f]{64}$/;

export interface SiteOptions {
  /** Time source for timeouts; the wall clock unless a test injects a ManualClock. */
  clock?: Clock;
  /** Where sessions live; memory unless given. */
  store?: SessionStore;
  /** Idle seconds before a session ends (default 900, as Twisted). */
  sessionTimeout?: number;
  /** Makes the Session object for a new uid, like Twisted's `Site.sessionFactory`. */
  sessionFactory?: (site: Site, uid: string) => Session;
  /** Cookie name over HTTP (default `TWISTED_SESSION`). */
  cookieName?: string;
  /** Cookie name over HTTPS (default `TWISTED_SECURE_SESSION`). */
  secureCookieName?: string;
  /** Random bytes for uids; `crypto.randomBytes` unless a test injects its own. */
  entropy?: (size: number) => Buffer;
  /** Adapter registry for session components. */
  registry?: ComponentRegistry;
  /** Where the Site reports problems that the visitor must not see. */
  log?: (line: string) => void;
  /** Seconds between sweeps for timed-out sessions (default 1). */
  sweepInterval?: number;
}

/** Sessions expired per turn of the event loop, so a mass expiry never stalls serving. */
const SWEEP_BATCH = 2000;

/**
 * The web site, after `twisted.web.server.Site`: it holds the resource tree and the sessions,
 * answers requests, and ends sessions that were idle past their timeout.
 */
export class Site {
  readonly clock: Clock;
  readonly store: SessionStore;
  readonly sessionTimeout: number;
  readonly cookieName: string;
  readonly secureCookieName: string;
  readonly registry: ComponentRegistry;
  sessionFactory: (site: Site, uid: string) => Session;
  readonly log: (line: string) => void;
  private readonly entropy: (size: number) => Buffer;
  private readonly sweepInterval: number;
  private sweepCall: DelayedCall | undefined;
  private sweeping: Promise<void> | undefined;
  /**
   * The store writes each request made, so it answers only once they have worked: those of the
   * request whose synchronous part is running, and, with a store that may answer later, those
   * made after an await, found through the async context.
   */
  private syncWrites: Promise<unknown>[] | undefined;
  private readonly requestWrites: AsyncLocalStorage<Promise<unknown>[]> | undefined;
  private readonly endingListeners = new Map<string, (uid: string) => void>();

  /** @param resource - the root of the resource tree, served at "/" */
  constructor(
    readonly resource: Resource,
    options: SiteOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.store = options.store ?? new MemorySessionStore();
    if (!this.store.synchronous) this.requestWrites = new AsyncLocalStorage();
    this.sessionTimeout = options.sessionTimeout ?? DEFAULT_SESSION_TIMEOUT;
    this.sessionFactory = options.sessionFactory ?? ((site, uid) => new Session(site, uid));
    this.cookieName = options.cookieName ?? DEFAULT_COOKIE_NAME;
    this.secureCookieName = options.secureCookieName ?? DEFAULT_SECURE_COOKIE_NAME;
    this.entropy = options.entropy ?? randomBytes;
    this.registry = options.registry ?? globalRegistry;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.sweepInterval = options.sweepInterval ?? 1;
    this.store.bind?.(this);
    this.scheduleSweep();
  }

  /** The session cookie's name over HTTPS or over plain HTTP. */
  cookieNameFor(secure: boolean): string {
    return secure ? this.secureCookieName : this.cookieName;
  }

  /** Make and keep a new session with a fresh 256-bit uid from the CSPRNG. */
  makeSession(): Session {
    const session = this.sessionFactory(this, this.entropy(32).toString("hex"));
    this.track(this.store.add(session));
    return session;
  }

  /**
   * The live session with this uid; one whose time is up is expired on the spot. At once when
   * the store answers at once (memory), else through a promise.
   * @returns the session, or `undefined` for an unknown, malformed or ended uid
   */
  getSession(uid: string | undefined): MaybePromise<Session | undefined> {
    if (uid === undefined || !UID_PATTERN.test(uid)) return undefined;
    const found = this.store.get(uid);
    return found instanceof Promise ? found.then((session) => this.alive(session)) : this.alive(found);
  }

  private alive(session: Session | undefined): Session | undefined {
    if (!session || session.isExpired) return undefined;
    if (session.expiresAt <= this.clock.seconds()) {
      session.expire();
      return undefined;
    }
    return session;
  }

  /**
   * Mark a session used now (its timeout slides) and tell the store. A session that ended is
   * left alone: a late write must not bring it back (express-session #632, ASVS 5.0 7.4.1).
   */
  touchSession(session: Session): void {
    if (session.isExpired) return;
    session.touch();
    this.track(this.store.touched(session));
  }

  /**
   * Run `listener(uid)` for every session that ends having asked for `name` (through
   * `Session.notifyOnExpireBy`). Every node of a cluster registers the same names at start.
   */
  addEndingListener(name: string, listener: (uid: string) => void): void {
    this.endingListeners.set(name, listener);
  }

  /** Called by `Session.notifyOnExpireBy`: a store that keeps listeners as data records it. */
  listenerAdded(session: Session, listener: string): void {
    if (this.store.listen) this.track(this.store.listen(session, listener));
  }

  /**
   * Called by `Session.expire()`: drop the session from the store, then run its callbacks, and
   * its named listeners, or, when the store keeps them, those the store hands this caller.
   */
  forgetSession(session: Session, callbacks: readonly EndCallback[]): void {
    const removed = this.store.remove(session);
    if (removed instanceof Promise)
      this.track(removed.then((names) => this.runEnding(session, callbacks, names ?? undefined)));
    else this.runEnding(session, callbacks, removed ?? undefined);
  }

  /** Callbacks run in registration order; one that throws is logged and the rest still run. */
  private runEnding(
    session: Session,
    callbacks: readonly EndCallback[],
    storedNames: readonly string[] | undefined,
  ): void {
    const all = storedNames ? [...callbacks.filter((c) => typeof c === "function"), ...storedNames] : callbacks;
    for (const callback of all) {
      try {
        if (typeof callback === "function") callback();
        else {
          const listener = this.endingListeners.get(callback);
          if (!listener) throw new Error(`no ending listener is registered as "${callback}"`);
          listener(session.uid);
        }
      } catch (error) {
        this.log(`notifyOnExpire callback of session ${session.uid} failed: ${String(error)}`);
      }
    }
  }

  /** Walk the resource tree along the request's path, as Twisted's `getChildForRequest`. */
  getResourceFor(request: Request): Resource {
    let resource = this.resource;
    while (request.postpath.length > 0 && !resource.isLeaf) {
      const segment = request.postpath.shift()!;
      request.prepath.push(segment);
      resource = resource.getChildWithDefault(segment, request);
    }
    return resource;
  }

  /**
   * Answer one HTTP request: load the session its cookie names, render the resource,
   * wait for the store's writes, then send the response. When the store and the resource
   * answer at once, so does this: no promise, no turn of the event loop.
   */
  handle(message: IncomingMessage, response: ServerResponse, secure = false): void | Promise<void> {
    let request: Request;
    try {
      request = new Request(this, message, secure);
    } catch {
      response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad Request");
      return;
    }
    const writes: Promise<unknown>[] = [];
    if (this.requestWrites) return this.requestWrites.run(writes, () => this.answer(request, response, writes));
    return this.answer(request, response, writes);
  }

  private answer(request: Request, response: ServerResponse, writes: Promise<unknown>[]): void | Promise<void> {
    const outer = this.syncWrites;
    this.syncWrites = writes;
    try {
      const body = this.render(request);
      if (body instanceof Promise || writes.length > 0) return this.answerLater(request, response, body, writes);
      this.send(request, response, body);
    } catch (error) {
      this.fail(request, response, error);
    } finally {
      this.syncWrites = outer;
    }
  }

  private async answerLater(
    request: Request,
    response: ServerResponse,
    body: RenderResult,
    writes: Promise<unknown>[],
  ): Promise<void> {
    try {
      const rendered = await body;
      await settle(writes);
      this.send(request, response, rendered);
    } catch (error) {
      this.fail(request, response, error);
    }
  }

  /** Load the request's session, then render its resource; at once when the store answers at once. */
  private render(request: Request): RenderResult {
    const found = this.getSession(request.getCookie(this.cookieNameFor(request.isSecure())));
    if (found instanceof Promise) return found.then((session) => this.renderWith(request, session));
    return this.renderWith(request, found);
  }

  private renderWith(request: Request, session: Session | undefined): RenderResult {
    request.knownSession = session;
    return this.getResourceFor(request).render(request);
  }

  private fail(request: Request, response: ServerResponse, error: unknown): void {
    if (error instanceof SessionStoreError) {
      // One line, and no Set-Cookie: a session that was not kept must not be announced.
      this.log(`session store failed answering ${request.method} ${request.path}: ${error.message}`);
      if (!response.headersSent)
        response
          .writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "1" })
          .end(`Service Unavailable: ${error.message}\n`);
      else response.destroy();
      return;
    }
    this.log(
      `error answering ${request.method} ${request.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    if (!response.headersSent)
      response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("Internal Server Error");
    else response.destroy();
  }

  /**
   * Expire every session whose timeout has passed, in batches that yield to the event loop.
   * Concurrent calls share one sweep.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Stop the periodic sweep, so the Site holds no timer. */
  stopSweeping(): void {
    this.sweepCall?.cancel();
    this.sweepCall = undefined;
  }

  private async runSweep(): Promise<void> {
    for (;;) {
      const due = await this.store.takeDue(this.clock.seconds(), SWEEP_BATCH);
      for (const session of due) session.expire();
      if (due.length < SWEEP_BATCH) return;
      await nextTurn();
    }
  }

  private scheduleSweep(): void {
    this.sweepCall = this.clock.callLater(this.sweepInterval, () => {
      this.sweep().catch((error) => this.log(`session sweep failed: ${String(error)}`));
      this.scheduleSweep();
    });
  }

  private send(request: Request, response: ServerResponse, body: string | Uint8Array): void {
    response.statusCode = request.code;
    if (!request.responseHeaders.has("Content-Type")) response.setHeader("Content-Type", "text/html; charset=utf-8");
    for (const [name, value] of request.responseHeaders) response.setHeader(name, value);
    if (request.cookies.length > 0) response.setHeader("Set-Cookie", request.cookies);
    response.end(body);
  }

  /**
   * Keep a store write's promise so the request that made it answers only once it worked, and
   * answers 503 if it failed. A write made outside any request (a sweep) is logged if it fails.
   */
  track(write: void | Promise<unknown>): void {
    if (!write) return;
    const writes = this.syncWrites ?? this.requestWrites?.getStore();
    if (writes) {
      // Marked handled now: a write that fails while the page still renders must not be an
      // unhandled rejection (which ends the process); settle() reads its outcome later.
      write.catch(() => {});
      writes.push(write);
    } else write.catch((error) => this.log(`session store write failed: ${String(error)}`));
  }
}

/** Wait for every write; the first failure is thrown as a SessionStoreError. */
async function settle(writes: Promise<unknown>[]): Promise<void> {
  // A write may start another (an ending runs its listeners), so look again until none is left.
  for (let done = 0; done < writes.length; ) {
    const batch = writes.slice(done);
    done = writes.length;
    const results = await Promise.allSettled(batch);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      const reason = failed.reason as unknown;
      throw reason instanceof SessionStoreError
        ? reason
        : new SessionStoreError(
            `session store write failed: ${reason instanceof Error ? reason.message : String(reason)}`,
          );
    }
  }
}
