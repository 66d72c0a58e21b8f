/**
 * The one door from the suite to a server under test. A target has three parts: its
 * connection (where it answers), its page contract (which page plays which part, and how to
 * read it) and its capabilities (what the suite may do beyond browsing). A missing capability
 * makes the scenarios that need it not applicable, never failed.
 */

/** One node's origins. */
export interface NodeOrigins {
  /** The plain-HTTP origin, e.g. `http://127.0.0.1:8080`. */
  readonly http: URL;
  /** The HTTPS origin, when the node serves HTTPS. */
  readonly https?: URL;
}

/** Where the target answers. */
export interface Connection {
  /**
   * Every node serving the same sessions, first one first. Most targets have one; a cluster has
   * more, and the suite then alternates between them request by request.
   */
  readonly nodes: readonly [NodeOrigins, ...NodeOrigins[]];
  /** PEM certificate(s) to trust for the HTTPS origins (self-signed test certificates). */
  readonly tlsCa?: string;
}

/** Which page plays which part, as paths from the origin. */
export interface TargetPaths {
  /** Shows the visitor's session id (Twisted's ShowSession). */
  show: string;
  /** Ends the visitor's session (Twisted's ExpireSession). */
  expire: string;
  /** Counts the visitor's visits in a stored object (Twisted's counter example). */
  counter?: string;
  /** Asks to be told when the visitor's session ends (Twisted's session-endings example). */
  notify?: string;
  /** Loads the session, holds it `{ms}` milliseconds, then writes to it (express-session #632). */
  slow?: string;
}

/** How the suite reads the target's pages and cookies. */
export interface PageContract {
  readonly paths: TargetPaths;
  /** Finds the uid in the show page: its first capture group. */
  readonly uidPattern: RegExp;
  /** Finds the visit count in the counter page: its first capture group. */
  readonly counterPattern?: RegExp;
  /** The session cookie's name over HTTP, when known; otherwise the suite learns it from a first visit. */
  readonly cookieName?: string;
  /** The session cookie's name over HTTPS, when it differs (Twisted: `TWISTED_SECURE_SESSION`). */
  readonly secureCookieName?: string;
  /** The idle timeout the target was configured with, in seconds. */
  readonly sessionTimeoutSeconds: number;
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

/** What the suite may do beyond browsing; each one is optional. */
export interface Capabilities {
  readonly clock?: TargetClock;
  readonly endings?: EndingsLog;
  /** Stop node `index` and start it again on the same origins (a cluster's MULTI-6). */
  restartNode?(index: number): Promise<void>;
}

/** A server under test, started or reached, ready for requests. */
export interface Target {
  /** A short name for reports (`reference`, `twisted`, a target file's `name`). */
  readonly name: string;
  /** The implementation and its version, for report headers, when known. */
  readonly version?: string;
  readonly connection: Connection;
  readonly pages: PageContract;
  readonly capabilities: Capabilities;
  /** Stop whatever the adapter started; reaching a server that runs elsewhere stops nothing. */
  stop(): Promise<void>;
}

/** Starts or reaches a server and gives back its Target. */
export interface Adapter {
  readonly name: string;
  start(): Promise<Target>;
}

/** The target's first node's origin for a transport, when it serves that transport. */
export function originOf(target: Target, transport: "http" | "https", node = 0): URL | undefined {
  const nodes = target.connection.nodes;
  return nodes[node % nodes.length]?.[transport];
}

/** Thrown when a target cannot be started or reached; the CLI reports it in one line. */
export class TargetUnavailableError extends Error {
  override name = "TargetUnavailableError";
}

/** Raised for a target file that cannot be read or does not match the schema. */
export class TargetFileError extends Error {
  override name = "TargetFileError";
}
