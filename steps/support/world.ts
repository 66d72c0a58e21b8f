import { setTimeout as sleep } from "node:timers/promises";
import { World, setWorldConstructor, type IWorldOptions } from "@cucumber/cucumber";
import { Cookie } from "tough-cookie";
import { activeTarget } from "../../adapters/active.ts";
import type { Target, TargetPaths } from "../../adapters/target.ts";
import { Actor, type Page, type VisitOptions } from "./actor.ts";
import { readSetCookie, type SetCookieReading } from "./setCookie.ts";
import { Transcript } from "./transcript.ts";
import { fail } from "./verify.ts";

export type Transport = "http" | "https";

/** What the runner passes to every scenario. */
export interface SuiteParameters {
  transport: Transport;
}

/** Seconds past a timeout that count as "the timeout has passed", for the server's sweep. */
const TIMEOUT_MARGIN_SECONDS = 2;

/**
 * Per-scenario state: the people in it (each a browser of their own), what each saw, the
 * wire transcript, and the target reached through its adapter. Nothing lives longer.
 */
export class SessionWorld extends World<SuiteParameters> {
  readonly transcript = new Transcript();
  /** Session ids each person's show page named, in order. */
  readonly seen = new Map<string, string[]>();
  /** Numbers each person's counter page showed, in order. */
  readonly counts = new Map<string, number[]>();
  /** Cookies a person kept aside, to replay later. */
  readonly kept = new Map<string, Cookie[]>();
  /** Set by steps that check server errors themselves, so After does not fail on them. */
  serverErrorsChecked = false;
  /** The Cookie header a forged-cookie step sent. */
  forgedCookieHeader: string | undefined;
  private readonly actors = new Map<string, Actor>();

  constructor(options: IWorldOptions<SuiteParameters>) {
    super(options);
  }

  get target(): Target {
    const target = activeTarget();
    if (!target) throw new Error("no target is active: run the suite through session-conformance");
    return target;
  }

  get transport(): Transport {
    return this.parameters.transport ?? "http";
  }

  /** The origin scenarios use: the target's HTTP or HTTPS one, as the run's transport says. */
  get origin(): URL {
    const origin = this.transport === "https" ? this.target.httpsBaseUrl : this.target.baseUrl;
    if (!origin) throw new Error(`the target serves no ${this.transport.toUpperCase()}`);
    return origin;
  }

  url(page: keyof TargetPaths): URL {
    const path = this.target.paths[page];
    if (!path) throw new Error(`the target has no ${page} page`);
    return new URL(path, this.origin);
  }

  /** The person called `name`, with a browser of their own made on first mention. */
  actor(name: string): Actor {
    let actor = this.actors.get(name);
    if (!actor) this.actors.set(name, (actor = new Actor(name, this.transcript, this.target.tlsCa)));
    return actor;
  }

  /** Visit one of the target's pages as `name`. */
  visit(name: string, page: keyof TargetPaths, options?: VisitOptions): Promise<Page> {
    return this.actor(name).visit(this.url(page), options);
  }

  /** Visit the show page, read the session id it names, and remember it. */
  async visitShow(name: string, options?: VisitOptions): Promise<string> {
    const page = await this.visit(name, "show", options);
    const uid = this.readUid(page);
    this.seen.set(name, [...this.uidsOf(name), uid]);
    return uid;
  }

  /** The session id in a show page; fails the step, quoting the page, when there is none. */
  readUid(page: Page): string {
    const match = this.target.uidPattern.exec(page.body);
    if (page.status !== 200 || !match?.[1]) {
      fail("the page shows a session id", `status 200 and a body matching ${this.target.uidPattern}`, `status ${page.status}, body ${JSON.stringify(page.body.slice(0, 200))}`);
    }
    return match[1];
  }

  uidsOf(name: string): string[] {
    return this.seen.get(name) ?? [];
  }

  /** Visit the counter page, read the number it shows, and remember it. */
  async visitCounter(name: string): Promise<number> {
    const page = await this.visit(name, "counter");
    const match = this.target.counterPattern?.exec(page.body);
    if (page.status !== 200 || !match?.[1]) {
      fail("the counter page shows a count", `status 200 and a body matching ${this.target.counterPattern}`, `status ${page.status}, body ${JSON.stringify(page.body.slice(0, 200))}`);
    }
    const count = Number(match[1]);
    this.counts.set(name, [...(this.counts.get(name) ?? []), count]);
    return count;
  }

  /** The session id `name` was first shown, and how many ending lines name it. */
  async endingsOf(name: string): Promise<[uid: string, reported: number]> {
    const uid = this.uidsOf(name)[0]!;
    const lines = await this.target.endings!.lines();
    return [uid, lines.filter((line) => line.trim() === `Session ${uid} has expired.`).length];
  }

  /** The session cookie's name on this transport, when the target names it. */
  get sessionCookieName(): string | undefined {
    return this.transport === "https" ? (this.target.secureCookieName ?? this.target.cookieName) : this.target.cookieName;
  }

  /**
   * The raw Set-Cookie headers of one response that set the session cookie: the one the
   * target names, or, when it names none, every cookie set.
   */
  sessionSetCookies(setCookies: string[]): string[] {
    const name = this.sessionCookieName;
    return name ? setCookies.filter((header) => header.split("=", 1)[0]!.trim() === name) : setCookies;
  }

  /** The session cookie(s) `name`'s first visit was given, read from the raw headers. */
  givenSessionCookies(name: string): SetCookieReading[] {
    const first = this.transcript.exchanges.find((e) => e.actor === name);
    const value = first?.responseHeaders?.["set-cookie"];
    const headers = this.sessionSetCookies(value === undefined ? [] : Array.isArray(value) ? value : [value]);
    if (headers.length === 0) fail("a first visit sets a session cookie", this.sessionCookieName ?? "a Set-Cookie header", "none");
    return headers.map(readSetCookie);
  }

  /** The session cookie(s) a fresh browser is given on a first visit. */
  async issuedCookies(): Promise<Cookie[]> {
    const page = await this.visit("a probe", "show");
    const session = this.sessionSetCookies(page.setCookies)
      .map((header) => Cookie.parse(header))
      .filter((c): c is Cookie => c !== undefined);
    if (session.length === 0) fail("a first visit sets a session cookie", this.sessionCookieName ?? "a Set-Cookie header", page.setCookies.join(" | ") || "none");
    return session;
  }

  /** Visit the expire page as `name`; it must answer without an error. */
  async expire(name: string): Promise<void> {
    const page = await this.visit(name, "expire");
    if (page.status >= 400) fail("the expire page ends the session", "a 2xx or 3xx answer", `status ${page.status}`);
  }

  /** Let the target's idle timeout pass: through its clock when it has one, else in real time. */
  async passTime(seconds: number): Promise<void> {
    if (this.target.clock) await this.target.clock.advance(seconds);
    else await sleep(seconds * 1000);
  }

  /** Let more than the whole idle timeout pass. */
  passTimeout(): Promise<void> {
    return this.passTime(this.target.sessionTimeoutSeconds + TIMEOUT_MARGIN_SECONDS);
  }

  /** Close every browser of the scenario. */
  async close(): Promise<void> {
    await Promise.all([...this.actors.values()].map((actor) => actor.close()));
  }
}

setWorldConstructor(SessionWorld);
