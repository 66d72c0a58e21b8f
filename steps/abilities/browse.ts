/**
 * The ability to browse: what an actor needs of a browser. Two clients give it: undici with a
 * tough-cookie jar (the default) and a real Chromium (`--client chromium`). Steps, tasks and
 * questions see only this interface, so the same Gherkin runs on either.
 */

/** One request and its response, as the wire carried them. */
export interface Exchange {
  actor: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string | string[]>;
  body?: string;
  error?: string;
}

/** Where a client writes each exchange, for the scenario's transcript. */
export type RecordExchange = (exchange: Exchange) => void;

/** What one visit got back. */
export interface Page {
  status: number;
  /** Response header fields by lowercased name. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw Set-Cookie headers, so a jar cannot hide what the server sent. */
  setCookies: string[];
  body: string;
  /** The Cookie header the client actually sent, as its network layer saw it; undefined for none. */
  sentCookie: string | undefined;
}

/** A cookie as the client's jar holds it. */
export interface JarCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** When it expires, in Unix seconds; undefined for a session cookie. */
  expires?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: "strict" | "lax" | "none";
}

/** One kind of cross-site request a page of another site made to the target, and what it carried. */
export interface CrossSiteProbe {
  /** E.g. "top-level POST form", "iframe", "image", "top-level GET link". */
  kind: string;
  /** Whether RFC 6265bis lets a SameSite=Lax cookie ride on this kind of request. */
  laxAllows: boolean;
  /** Names of the cookies the browser sent with it, from its own network stack. */
  sentCookieNames: string[];
}

/** What a plain-HTTP visit carried after a visit over HTTPS to the same host (COOKIE-4 by effect). */
export interface PlainHttpProbe {
  httpsUrl: URL;
  httpUrl: URL;
  /** What the HTTPS visit got. */
  overHttps: Page;
  /** Names of the cookies the browser sent with the plain-HTTP visit. */
  sentOverHttp: string[];
}

/** A browser for one actor: its own jar (a context, for Chromium) and connections. */
export interface Browse {
  /** Which client this is, for reports: "default" or "chromium". */
  readonly client: "default" | "chromium";
  /** GET `url` with the jar's cookies, keep what the answer sets, record the exchange. Redirects are not followed. */
  visit(url: URL): Promise<Page>;
  /** GET several URLs at once, in parallel (tabs, for Chromium), with the jar's cookies. */
  visitAll(urls: readonly URL[]): Promise<Page[]>;
  /** The cookies the jar would send to `url`, judged at the target's time. */
  cookies(url: URL): Promise<JarCookie[]>;
  /** Put cookies back in the jar, as a browser restoring them would. */
  restoreCookies(cookies: readonly JarCookie[], url: URL): Promise<void>;
  /** Forget every cookie, through the client's own API ("clear browsing data"). */
  flushCookies(): Promise<void>;
  /**
   * The target's clock moved on by `seconds`: from now on, judge cookie lifetimes (Expires,
   * Max-Age) at the target's time, as a browser living at that time would.
   */
  clockMoved(seconds: number): Promise<void>;
  /** Browser only: the cookie names page scripts on `url` can read (`document.cookie`). */
  scriptVisibleCookies?(url: URL): Promise<string[]>;
  /** Browser only: requests a page of another site makes to `url`, and the cookies each carried. */
  crossSiteRequests?(url: URL): Promise<CrossSiteProbe[]>;
  /**
   * Browser only: visit `httpsUrl`, then `httpUrl` on the same host, and say which cookies the
   * plain visit carried. Browsers treat loopback addresses as secure, so a browser visits a name
   * it maps to 127.0.0.1 instead.
   */
  secureCookieOverPlainHttp?(httpsUrl: URL, httpUrl: URL): Promise<PlainHttpProbe>;
  close(): Promise<void>;
}

/** What a client needs to make a Browse for one actor. */
export interface BrowseOptions {
  actor: string;
  record: RecordExchange;
  /** PEM certificate(s) to trust for the target's HTTPS origin, for this run only. */
  tlsCa?: string;
  /** Seconds the target's clock was already moved when the actor appeared (see `clockMoved`). */
  clockOffsetSeconds?: number;
}
