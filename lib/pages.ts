/**
 * The page contract: the pages of Twisted Web's session examples as every built-in target
 * serves them, what they print, and the control routes a target may add for the suite. The
 * reference examples, every adapter's app, the self-test servers and the runner take these
 * from here; apps in other languages are checked against them by test/unit/pageContract.test.ts.
 */

/** Where each page lives. `{ms}` in the slow page's path is where the suite puts the delay. */
export const PAGE_PATHS = {
  /** Shows the visitor's session id (Twisted's ShowSession). */
  show: "/",
  /** Ends the visitor's session (Twisted's ExpireSession). */
  expire: "/expire",
  /** Counts visits in an object stored in the session (Twisted's session-store example). */
  counter: "/counter",
  /** Asks to be told when the session ends (Twisted's session-endings example). */
  notify: "/logme",
  /** Holds the session `{ms}` milliseconds, then writes to it (express-session #632). */
  slow: "/slow?ms={ms}",
} as const;

/** The pages of an implementation with no hook for a session's end: all but the notify page. */
export const PAGE_PATHS_WITHOUT_NOTIFY = {
  show: PAGE_PATHS.show,
  expire: PAGE_PATHS.expire,
  counter: PAGE_PATHS.counter,
  slow: PAGE_PATHS.slow,
} as const;

/** Routes a target adds so the suite can drive it; they never make or touch a session. */
export const CONTROL_ROUTES = {
  /** `POST`: move the target's clock by `seconds`, then expire what fell due. */
  clockAdvance: "POST /_clock/advance?seconds={seconds}",
  /** `GET`: one ending line per ended session, oldest first. */
  endings: "/_endings",
  /** `POST`: print `_sync <n>` on standard output after every ending line, and answer n. */
  endingsSync: "/_endings/sync",
} as const;

/** The show page's text before the id: `Your session id is: <uid>`. */
export const SHOW_PREFIX = "Your session id is: ";
export const UID_PATTERN = /Your session id is: (\S+)/;

/** The counter page's text for the n-th visit. */
export const counterText = (count: number): string => `Visit #${count} for you!`;
export const COUNTER_PATTERN = /Visit #(\d+) for you!/;

/** What the expire page says. */
export const EXPIRED_TEXT = "Your session has been expired.";

/** The line a target reports when a session ends (the session-endings example's print). */
export const endingLine = (uid: string): string => `Session ${uid} has expired.`;
export const ENDING_PATTERN = /^Session (\S+) has expired\.$/;

/** The longest hold the slow page grants, so it cannot keep connections open for long. */
export const MAX_SLOW_MS = 10_000;

/** The slow page's answer. */
export const slowText = (ms: number): string => `Your session was held for ${ms} ms.`;

/**
 * The JSON line a spawned server prints on standard output once it listens:
 * `{"ready": true, "port": 41234, "httpsPort": 41235, "version": "22.4.0"}`.
 */
export interface ReadyLine {
  ready: true;
  port: number;
  httpsPort?: number;
  version?: string;
}
