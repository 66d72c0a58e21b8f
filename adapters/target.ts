/**
 * The one door from the suite to a server under test. Steps see a server only through a
 * Target: where it answers, which pages play which part, how to read the uid from a page,
 * and the optional capabilities (a controllable clock, HTTPS, observable session endings).
 * A missing capability makes the scenarios that need it not applicable, never failed.
 */

/** Which page plays which part of the page contract, as paths from the origin. */
export interface TargetPaths {
  /** Shows the visitor's session id (Twisted's ShowSession). */
  show: string;
  /** Ends the visitor's session (Twisted's ExpireSession). */
  expire: string;
  /** Counts the visitor's visits in a stored object (Twisted's counter example). */
  counter?: string;
  /** Asks to be told when the visitor's session ends (Twisted's session-endings example). */
  notify?: string;
  /**
   * Loads the visitor's session, holds it for `{ms}` milliseconds (the suite puts the number
   * in the path), then writes to it and answers: the long request of express-session #632.
   */
  slow?: string;
}

/** Moves the target's own clock, so timeout scenarios take no real time. */
export interface TargetClock {
  advance(seconds: number): Promise<void>;
}

/** Lets the suite see which sessions ended, as `Session <uid> has expired.` lines. */
export interface EndingsLog {
  /** Every ending line seen so far, oldest first. */
  lines(): Promise<string[]>;
}

/** One node of a target that runs several behind one shared session store. */
export interface TargetNode {
  readonly baseUrl: URL;
  readonly httpsBaseUrl?: URL;
}

/** A server under test, started or reached, ready for requests. */
export interface Target {
  /** A short name for reports (`reference`, `twisted`, a target file's `name`). */
  readonly name: string;
  /** The implementation and its version, for report headers, when known. */
  readonly version?: string;
  /** The plain-HTTP origin, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: URL;
  /** The HTTPS origin, when the target serves HTTPS. */
  readonly httpsBaseUrl?: URL;
  /** PEM certificate(s) to trust for `httpsBaseUrl` (self-signed test certificates). */
  readonly tlsCa?: string;
  readonly paths: TargetPaths;
  /** Finds the uid in the show page: its first capture group. */
  readonly uidPattern: RegExp;
  /** Finds the visit count in the counter page: its first capture group. */
  readonly counterPattern?: RegExp;
  /** The idle timeout the target was configured with, in seconds. */
  readonly sessionTimeoutSeconds: number;
  /** The session cookie's name over HTTP, when known; otherwise the suite learns it from a first visit. */
  readonly cookieName?: string;
  /** The session cookie's name over HTTPS, when it differs (Twisted: `TWISTED_SECURE_SESSION`). */
  readonly secureCookieName?: string;
  readonly clock?: TargetClock;
  readonly endings?: EndingsLog;
  /** Every node of a multi-node target, the first being `baseUrl`; one node when absent. */
  readonly nodes?: readonly TargetNode[];
  /** Stop node `index` and start it again on the same ports (a deploy, a crash and restart). */
  restartNode?(index: number): Promise<void>;
  /** Stop whatever the adapter started; reaching a server that runs elsewhere stops nothing. */
  stop(): Promise<void>;
}

/** Starts or reaches a server and gives back its Target. */
export interface Adapter {
  readonly name: string;
  start(): Promise<Target>;
}

/** Thrown when a target cannot be started or reached; the CLI reports it in one line. */
export class TargetUnavailableError extends Error {
  override name = "TargetUnavailableError";
}

/** Raised for a target file that cannot be read or does not match the schema. */
export class TargetFileError extends Error {
  override name = "TargetFileError";
}
