/**
 * What the suite must say about each broken server: which requirements it fails, and what the
 * reason names. A verdict alone is not enough: `error` (a timeout, a harness fault) is never a
 * detection, and a failure whose reason does not name the defect may be the wrong failure. Step
 * messages and these patterns are kept in step.
 */
import type { Flaw } from "./flaws.ts";

export interface Detection {
  flaw: Flaw;
  /** What the failure's reason must name; the requirement's own pattern (REASONS) when absent. */
  reason?: RegExp;
}

/** The replayed id came back: the reason shows the old id as both the one refused and the one given. */
const TAKEN_BACK = /expected: a session id other than (\S+)\s+actual: +\1\s*$/m;

/** What a failure of each requirement names, whichever flaw caused it. */
export const REASONS: Record<string, RegExp> = {
  "BASIC-1": /set-cookie|session cookie/i,
  "BASIC-2": /session id stays the same/i,
  "BASIC-3": /new session/i,
  "BASIC-4": /session id stays the same/i,
  "BASIC-5": /new session/i,
  "BASIC-6": /new session/i,
  "BASIC-7": /session id stays the same/i,
  "BASIC-8": TAKEN_BACK,
  "BASIC-9": /different session/i,
  "BASIC-10": /never issued is not adopted/i,
  "BASIC-11": TAKEN_BACK,
  "STORE-1": /counter/i,
  "STORE-2": /counter/i,
  "STORE-3": /counter/i,
  "STORE-4": /counter/i,
  "END-1": /notified exactly once/i,
  "END-2": /notified exactly once/i,
  "END-3": /kept active does not end/i,
  "COOKIE-1": /whole site|path/i,
  "COOKIE-2": /HttpOnly/,
  "COOKIE-3": /SameSite/,
  "COOKIE-4": /Secure/,
  "COOKIE-5": /set again/i,
  "COOKIE-6": /4096 bytes/,
  "SEC-1": /entropy/i,
  "SEC-2": /structure/i,
  "SEC-3": /another visitor's session/i,
  "SEC-4": /caches/i,
  "SEC-5": /another visitor's session/i,
  "ROBUST-1": /fresh session|server error/i,
  "ROBUST-2": /server error|one session, the same every time/i,
  "ROBUST-3": /\b5\d\d\b|serving/i,
  "ROBUST-4": /actual: +(\d+ bytes of body|status (?!200)\d{3})/,
  "ROBUST-5": /405|not allowed/i,
  "CONC-1": /session id stays the same/i,
  "CONC-2": /every visit is counted/i,
  "CONC-3": /ids handed out more than once/,
  "MULTI-1": /session id stays the same/i,
  "MULTI-2": /new session/i,
  "MULTI-3": /session id stays the same|new session/i,
  "MULTI-4": /every visit is counted/i,
  "MULTI-5": /notified exactly once/i,
  "MULTI-6": /session id stays the same|every visit is counted/i,
};

const DUPLICATE_IDS = /id of its own|more than once/i;
const SERVER_ERROR = /\b500\b|server error/i;

/** Which broken servers must fail each requirement. */
export const DETECTIONS: Record<string, Detection[]> = {
  "BASIC-1": [
    { flaw: "no-set-cookie" },
    { flaw: "cookie-name-differs", reason: /MINI_SESSION|cookie'?s? name|named/i },
  ],
  "BASIC-2": [{ flaw: "rotate-uid" }, { flaw: "no-set-cookie" }],
  "BASIC-3": [{ flaw: "expire-noop" }, { flaw: "resurrects-ended" }],
  "BASIC-4": [{ flaw: "expire-ends-all" }],
  "BASIC-5": [{ flaw: "session-by-ip" }],
  "BASIC-6": [{ flaw: "never-times-out" }],
  "BASIC-7": [
    { flaw: "absolute-timeout" },
    { flaw: "fixed-expires", reason: /cookie[\s\S]*(expired|dropped)|(expired|dropped)[\s\S]*cookie/i },
    { flaw: "fixed-max-age", reason: /cookie[\s\S]*(expired|dropped)|(expired|dropped)[\s\S]*cookie/i },
  ],
  // Split by issue 9: BASIC-8 replays an id ended by expire(), BASIC-11 one that timed out.
  "BASIC-8": [
    { flaw: "resurrects-ended" },
    { flaw: "adopts-any-cookie" },
    // Its jar holds no cookie after the expire: only a replay of the kept copy shows the revival.
    { flaw: "clears-cookie-but-revives" },
  ],
  "BASIC-11": [{ flaw: "resurrects-ended" }, { flaw: "adopts-any-cookie" }, { flaw: "revives-timed-out" }],
  "BASIC-9": [{ flaw: "shared-uid" }, { flaw: "session-by-ip" }],
  "BASIC-10": [{ flaw: "adopts-any-cookie" }],
  "STORE-1": [{ flaw: "counter-not-stored" }, { flaw: "rotate-uid" }],
  "STORE-2": [{ flaw: "counter-shared" }, { flaw: "shared-uid" }],
  "STORE-3": [{ flaw: "carries-data-over" }, { flaw: "expire-noop" }],
  "STORE-4": [{ flaw: "carries-data-over" }, { flaw: "never-times-out" }],
  "END-1": [
    { flaw: "never-notifies" },
    { flaw: "notifies-twice" },
    // It does tell, once, at the next sweep: no line at the check right after the expire is the catch.
    { flaw: "notifies-at-sweep", reason: /when it ends[\s\S]*\b0 such lines/i },
  ],
  "END-2": [{ flaw: "never-notifies" }, { flaw: "notifies-twice" }, { flaw: "no-notify-on-timeout" }],
  "END-3": [{ flaw: "absolute-timeout" }, { flaw: "fixed-expires" }, { flaw: "fixed-max-age" }],
  "COOKIE-1": [{ flaw: "cookie-path-subdir" }],
  "COOKIE-2": [{ flaw: "no-httponly" }],
  "COOKIE-3": [{ flaw: "no-samesite" }],
  "COOKIE-4": [{ flaw: "no-secure-over-https" }],
  "COOKIE-5": [{ flaw: "set-cookie-every-response" }],
  "COOKIE-6": [{ flaw: "huge-cookie" }],
  "SEC-1": [
    { flaw: "counter-id", reason: /consecutive ids are related/ },
    { flaw: "short-id", reason: /room for 32\.0 bits only/ },
    { flaw: "clock-id", reason: DUPLICATE_IDS },
    // 256 bits written, 64 random: the estimate must see the repetition, not just count symbols.
    { flaw: "repeated-id", reason: /repeat or are derived from other positions/ },
  ],
  "SEC-2": [{ flaw: "counter-id" }, { flaw: "biased-id" }],
  "SEC-3": [{ flaw: "id-in-query" }, { flaw: "id-in-path-parameter" }],
  "SEC-4": [{ flaw: "cacheable-session-page" }],
  "SEC-5": [{ flaw: "slow-request-revives" }],
  "ROBUST-1": [
    { flaw: "crashes-on-quote", reason: SERVER_ERROR },
    { flaw: "rejects-odd-cookies" },
    { flaw: "adopts-quoted-cookie", reason: /taken from the Cookie header|forged|adopt/i },
    // Its 500 goes to a bystander (the probe that learns the cookie's shape), not to Mallory.
    { flaw: "shared-connection-state", reason: SERVER_ERROR },
  ],
  "ROBUST-2": [
    { flaw: "crashes-on-duplicate-cookie", reason: SERVER_ERROR },
    { flaw: "duplicate-cookie-mixes-sessions" },
  ],
  "ROBUST-3": [{ flaw: "huge-header-breaks-server" }],
  // Split by issue 9: ROBUST-4 is HEAD answered as GET without a body, ROBUST-5 the 405s.
  "ROBUST-4": [
    { flaw: "head-unsupported", reason: /actual: +status 405/ },
    { flaw: "head-with-body", reason: /actual: +\d+ bytes of body/ },
  ],
  "ROBUST-5": [{ flaw: "any-method-gets-session" }],
  "CONC-1": [{ flaw: "take-and-put-store" }],
  "CONC-2": [{ flaw: "lost-updates" }, { flaw: "take-and-put-store" }],
  "CONC-3": [{ flaw: "clock-id" }, { flaw: "sequence-race" }],
  // The multi-node flaws run on two nodes (flaws.ts MULTI_NODE_FLAWS).
  "MULTI-1": [{ flaw: "per-node-sessions" }],
  // Not per-node-sessions: its nodes never shared the session MULTI-2 expires (MULTI-1 fails it).
  "MULTI-2": [{ flaw: "expire-local-only" }],
  "MULTI-3": [{ flaw: "per-node-sessions" }],
  "MULTI-4": [{ flaw: "lost-updates-across-nodes" }],
  "MULTI-5": [{ flaw: "notifies-per-node" }],
  "MULTI-6": [{ flaw: "restart-loses-sessions" }],
};

/** Requirements a coming change adds; until the suite has them, their expectations report as unknown. */
export const FUTURE_REQUIREMENTS: Record<string, string> = {};

/**
 * Verdicts today's suite gets wrong, each with the issue 9 item that fixes it: "flaw → id" is a
 * false pass, "control → id" a false failure. They run as todo tests (reported, not failing the
 * run); the summary lists those that now hold, to be taken off this list.
 */
export const AWAITING_SUITE_FIX: Record<string, string> = {};

/** Reasons that say the run could not judge, whatever verdict today's suite gives them. */
export const HARNESS_FAULT =
  /function timed out|ETIMEDOUT|ECONNREFUSED|ECONNRESET|socket hang up|the worker exited|the run took over/i;
