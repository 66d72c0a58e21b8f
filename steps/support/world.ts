import { setTimeout as sleep } from "node:timers/promises";
import { World, setWorldConstructor, type IWorldOptions } from "@cucumber/cucumber";
import { Cookie } from "tough-cookie";
import { activeTarget } from "../../adapters/active.ts";
import type { Target, TargetPaths } from "../../adapters/target.ts";
import { Actor, type Page, type VisitOptions } from "./actor.ts";
import { MEASUREMENT } from "./outcomes.ts";
import { rawBurst } from "./rawHttp.ts";
import { readSetCookie, type SetCookieReading } from "./setCookie.ts";
import { thresholdsFor, type Thresholds } from "./thresholds.ts";
import { Transcript } from "./transcript.ts";
import { checkAll, fail, type Deviation } from "./verify.ts";

export type Transport = "http" | "https";

/** What the runner passes to every scenario. */
export interface SuiteParameters {
  transport: Transport;
  /** Sample sizes and thresholds of the measured requirements; the defaults when absent. */
  thresholds?: Partial<Thresholds>;
}

/** A request started by one step and awaited by a later one. */
export interface PendingVisit {
  response: Promise<Page>;
  /** How long the page was asked to take, in milliseconds. */
  ms: number;
  /** `performance.now()` when the answer arrived. */
  finishedAt?: number;
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
  /** Session ids collected from many first visits, in the order they arrived. */
  issued: string[] = [];
  /** The slow page while it loads (SEC-5). */
  slowVisit: PendingVisit | undefined;
  /** Cases a step found the server handling otherwise than required, for a Then step to report. */
  deviations: Deviation[] = [];
  /** How many cases the deviations were found among. */
  casesTried = 0;
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

  /** The run's sample sizes and thresholds. */
  get thresholds(): Thresholds {
    return thresholdsFor(false, this.parameters.thresholds);
  }

  /** Fail with the deviations found since the last check, if any, and start counting afresh. */
  checkDeviations(requirement: string): void {
    const [deviations, cases] = [this.deviations.splice(0), this.casesTried];
    this.casesTried = 0;
    checkAll(deviations, requirement, cases);
  }

  /** Show figures a step measured in the report (the verdict table, results.json, junit.xml). */
  measure(text: string): void {
    this.attach(text, MEASUREMENT);
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
    return this.noteUid(name, await this.visit(name, "show", options));
  }

  /** Visit `url` as `name` and remember the session id it shows, if it shows one; never fails the step. */
  async tryVisit(name: string, url: URL, options?: VisitOptions): Promise<{ page: Page; uid: string | undefined }> {
    const page = await this.actor(name).visit(url, options);
    const uid = page.status === 200 ? this.target.uidPattern.exec(page.body)?.[1] : undefined;
    if (uid) this.seen.set(name, [...this.uidsOf(name), uid]);
    return { page, uid };
  }

  /** Read the session id a show page names, and remember it as `name`'s. */
  noteUid(name: string, page: Page): string {
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
    return this.noteCount(name, await this.visit(name, "counter"));
  }

  /** Read the number a counter page shows, and remember it as `name`'s. */
  noteCount(name: string, page: Page): number {
    const match = this.target.counterPattern?.exec(page.body);
    if (page.status !== 200 || !match?.[1]) {
      fail("the counter page shows a count", `status 200 and a body matching ${this.target.counterPattern}`, `status ${page.status}, body ${JSON.stringify(page.body.slice(0, 200))}`);
    }
    const count = Number(match[1]);
    this.counts.set(name, [...(this.counts.get(name) ?? []), count]);
    return count;
  }

  /**
   * Visit `page` `count` times at the same instant as `name`, with `name`'s cookies, each on a
   * connection of its own (last-byte sync, so the server's handling overlaps every time).
   */
  async burst(name: string, page: keyof TargetPaths, count: number): Promise<Page[]> {
    const url = this.url(page);
    const cookie = await this.actor(name).jar.getCookieString(url.href);
    const outcomes = await rawBurst(url, cookie, count, this.target.tlsCa);
    return outcomes.map((outcome) => {
      const requestHeaders: Record<string, string> = cookie ? { cookie } : {};
      const exchange = { actor: name, method: "GET", url: url.href, requestHeaders };
      if ("error" in outcome) {
        this.transcript.record({ ...exchange, error: outcome.error });
        fail("every request of a burst is answered", "an HTTP answer", outcome.error);
      }
      this.transcript.record({ ...exchange, status: outcome.status, responseHeaders: outcome.headers, body: outcome.body });
      return { status: outcome.status, headers: outcome.headers, setCookies: outcome.headers["set-cookie"] ?? [], body: outcome.body };
    });
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

  /** The session cookie's name: the one the target names, else the one a first visit sets. */
  async learnSessionCookieName(): Promise<string> {
    return this.sessionCookieName ?? (await this.issuedCookies())[0]!.key;
  }

  /** The session cookie(s) a fresh browser is given on a first visit. */
  async issuedCookies(): Promise<Cookie[]> {
    await this.actor("a probe").flushCookies();
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
