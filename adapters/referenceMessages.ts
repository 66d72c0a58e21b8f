/** What the embedded reference's thread (referenceWorker.ts) and the suite say to each other. */

export interface ReferenceOptions {
  /** Idle timeout in seconds (default 900, as Twisted). */
  sessionTimeout?: number;
  /** Serve HTTPS beside HTTP (default true). */
  https?: boolean;
}

/** The thread's first message: it listens. */
export interface ReferenceReady {
  http: string;
  https?: string;
  /** The throwaway certificate the HTTPS origin presents. */
  cert?: string;
  sessionTimeout: number;
}

export type ReferenceCall = { id: number } & (
  | { name: "advance"; seconds: number }
  | { name: "endings" }
  | { name: "stop" }
);

export interface ReferenceReply {
  id: number;
  result?: string[] | undefined | void;
  error?: string;
}
