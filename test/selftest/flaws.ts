import type { IdEncoding } from "./brokenIds.ts";

/**
 * Deliberate flaws of the mini server, and the requirements each must trip. Every
 * requirement of the suite must be tripped by at least one flaw: a check that no broken
 * server can fail proves nothing.
 */
export const FLAWS = {
  "no-set-cookie": "shows a session id but never sets the cookie",
  "rotate-uid": "makes a new session on every request",
  "expire-noop": "the expire page does nothing",
  "expire-ends-all": "the expire page ends every visitor's session",
  "session-by-ip": "keys sessions by client address instead of the cookie",
  "never-times-out": "sessions never time out",
  "absolute-timeout": "visits do not refresh the session (it dies a timeout after creation)",
  "resurrects-ended": "accepts any id it ever issued, even after it ended",
  "shared-uid": "gives every visitor the same session",
  "adopts-any-cookie": "adopts any cookie value as a new session id",
  "counter-not-stored": "the counter is not stored (always 1)",
  "counter-shared": "one counter for all visitors",
  "carries-data-over": "a new session inherits the stored objects of the one it replaces",
  "never-notifies": "never tells of a session's end",
  "notifies-twice": "tells of a session's end twice",
  "no-notify-on-timeout": "tells of expire() but not of a timeout",
  "cookie-path-subdir": "sets the cookie with Path=/app",
  "no-httponly": "sets the cookie without HttpOnly",
  "no-samesite": "sets the cookie without SameSite",
  "no-secure-over-https": "sets the cookie without Secure over HTTPS",
  "set-cookie-every-response": "sets the cookie again on every response",
  "huge-cookie": "sets a cookie whose name and value exceed 4096 bytes",
  "counter-id": "numbers sessions with a counter (zero-padded hex)",
  "short-id": "makes 32-bit session ids",
  "biased-id": "makes hex ids that never hold an f",
  "clock-id": "makes ids by hashing the current millisecond",
  "id-in-query": "takes the session id from the query string when no cookie names one",
  "id-in-path-parameter": "takes the session id from a ;name=value path parameter",
  "cacheable-session-page": "lets shared caches store pages that set the session cookie",
  "slow-request-revives": "saves a slow request's copy of the session when it ends, even if it was expired meanwhile",
  "crashes-on-quote": "answers 500 when the Cookie header holds a quote",
  "rejects-odd-cookies": "answers 400 to any Cookie header outside RFC 6265's strict grammar",
  "crashes-on-duplicate-cookie": "answers 500 when the session cookie is named twice",
  "duplicate-cookie-mixes-sessions": "hands out the last session it served when the session cookie is named twice",
  "huge-header-breaks-server": "accepts huge headers and stops serving after one",
  "head-unsupported": "refuses HEAD with 405",
  "any-method-gets-session": "answers every method as GET, session and all",
  "take-and-put-store": "takes a session out of its store while a request uses it",
  "lost-updates": "writes the counter back after a wait, so overlapping visits overwrite each other",
  // Flaws the suite missed before issue 9 (each gave a false pass; see expectations.ts).
  "fixed-expires":
    "gives the cookie Expires = creation + timeout and never renews it (express-session's rolling: false)",
  "fixed-max-age": "gives the cookie Max-Age = timeout on creation and never renews it",
  "notifies-at-sweep": "tells of an expire() only at its next sweep, a timeout later",
  "repeated-id": "makes ids of 64 random bits written four times (64 hex digits)",
  "revives-timed-out": "takes back the id of a session that timed out (real time, no clock)",
  "head-with-body": "answers HEAD with the page's body",
  "clears-cookie-but-revives":
    "clears the cookie on expire, but takes the ended id back when a kept copy of the cookie is sent",
  "adopts-quoted-cookie": "makes a session with the id a quoted cookie value names, when it does not know it",
  "cookie-name-differs": "sets its session cookie under a name other than the one declared",
  "sequence-race":
    "numbers ids from a stored sequence read and written a turn apart, so requests started together share one",
  "shared-connection-state":
    "answers 500, after setting the cookie, to a new visitor while an earlier new visitor's connection is open",
  // Multi-node flaws: the mini server runs two nodes (two ports of one process).
  "per-node-sessions": "keeps each node's sessions apart, as if each node had its own store",
  "expire-local-only": "ends an expired session on the node that expired it, leaving other nodes' copies alive",
  "lost-updates-across-nodes":
    "caches the session on each node and saves it whole after a visit, so the other node's visits are lost",
  "notifies-per-node": "tells of a session's end once for every node asked to tell of it",
  "restart-loses-sessions": "loses every session when a node restarts, as if they lived in its memory",
} as const;

export type Flaw = keyof typeof FLAWS;

/** The flaws that show only on a target of several nodes: each runs on two nodes, the MULTI requirements only. */
export const MULTI_NODE_FLAWS: readonly Flaw[] = [
  "per-node-sessions",
  "expire-local-only",
  "lost-updates-across-nodes",
  "notifies-per-node",
  "restart-loses-sessions",
];

/** What the mini server can do differently without being wrong (correct but unusual designs). */
export interface MiniOptions {
  /** How good ids are written (brokenIds.ts); hex, 256 bits, by default. */
  idEncoding?: IdEncoding;
  /** Serialise the requests of one session, as PHP's file sessions, ASP.NET and Java's synchronized handlers do. */
  locking?: boolean;
  /** Send Expires and Max-Age, a timeout ahead, on every response (express-session's rolling: true). */
  rollingExpires?: boolean;
  /** Clear the cookie when the session is expired (Max-Age=0), as Django's logout does. */
  clearsCookieOnExpire?: boolean;
  /** Write Expires without Max-Age, as express-session does. */
  expiresOnly?: boolean;
  /** Keep real time only: no clock endpoint, a short timeout, a sweep every 100 ms. */
  realTime?: boolean;
  /**
   * Declare the HTTPS origin too, so every scenario runs over both transports. Off by default:
   * the flaws do not depend on the transport, and HTTPS doubles a run's time.
   */
  overHttps?: boolean;
  /** How many nodes it runs (two ports each, one process); the self-test then builds the target in code. */
  nodes?: number;
  /** Leave cookieName out of the target file (the suite then learns it from the first Set-Cookie). */
  undeclaredCookieName?: boolean;
}

/** How a flaw's run is set up, when not as the plain mini server over HTTP with every requirement. */
export interface FlawSetup {
  options: MiniOptions;
  /** A cucumber tag expression: the requirements worth running. */
  tags?: string;
}

export const FLAW_SETUP: Partial<Record<Flaw, FlawSetup>> = {
  // The jar drops the expired cookie in real time, so a replay through it sends nothing.
  "revives-timed-out": {
    options: { realTime: true, rollingExpires: true, expiresOnly: true },
    tags: "@BASIC-8 or @BASIC-11",
  },
  // Its cookie's name is not MINI_SESSION, so declaring that name would miss it for every other check.
  "huge-cookie": { options: { undeclaredCookieName: true } },
  "no-secure-over-https": { options: { overHttps: true } },
  ...Object.fromEntries(MULTI_NODE_FLAWS.map((flaw) => [flaw, { options: { nodes: 2 }, tags: "@multi-node" }])),
};
