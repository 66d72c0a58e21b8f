import { Worker } from "node:worker_threads";
import { COUNTER_PATTERN, PAGE_PATHS, UID_PATTERN } from "../lib/pages.ts";
import { REFERENCE_VERSION } from "../reference/version.ts";
import type { ReferenceCall, ReferenceOptions, ReferenceReady, ReferenceReply } from "./referenceMessages.ts";
import type { Adapter, Target } from "./target.ts";

export type { ReferenceOptions } from "./referenceMessages.ts";

/** The installed package runs compiled JavaScript; a checkout runs the sources through tsx. */
const COMPILED = import.meta.url.endsWith(".js");
const WORKER = new URL(COMPILED ? "./referenceWorker.js" : "./referenceWorker.ts", import.meta.url);

/** The thread's code: its module, or in a checkout, tsx first (Node 20 gives a thread no loader hooks). */
function startThread(options: ReferenceOptions): Worker {
  if (COMPILED) return new Worker(WORKER, { workerData: options });
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const code = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); })`;
  return new Worker(code, { eval: true, workerData: options });
}

/**
 * The embedded reference server, in a thread of this process, on 127.0.0.1, over HTTP and
 * HTTPS, with a clock the suite moves, so timeout scenarios take milliseconds. Its own thread
 * makes its certificate while the suite loads, and serves on the second core while the steps
 * run on the first.
 */
export function referenceAdapter(options: ReferenceOptions = {}): Adapter {
  return {
    name: "reference",
    async start(): Promise<Target> {
      const thread = new ReferenceThread(startThread(options));
      const ready = await thread.ready;
      return {
        name: "reference",
        version: `session-conformance reference ${REFERENCE_VERSION}`,
        connection: {
          nodes: [{ http: new URL(ready.http), https: ready.https ? new URL(ready.https) : undefined }],
          tlsCa: ready.cert,
        },
        pages: {
          paths: { ...PAGE_PATHS },
          uidPattern: UID_PATTERN,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: ready.sessionTimeout,
        },
        capabilities: {
          clock: { advance: async (seconds) => void (await thread.call({ name: "advance", seconds })) },
          endings: { lines: async () => (await thread.call({ name: "endings" })) ?? [] },
        },
        stop: async () => {
          await thread.call({ name: "stop" });
          await thread.exited;
        },
      };
    },
  };
}

type Call = ReferenceCall extends infer C ? (C extends ReferenceCall ? Omit<C, "id"> : never) : never;

/**
 * The reference's thread: its first message, then one reply per call, matched by id. Not an RPC
 * library: those leave a call pending when the thread dies (threads.js #386), and a dead
 * reference must end the run with an error, not hang it.
 */
class ReferenceThread {
  readonly ready: Promise<ReferenceReady>;
  readonly exited: Promise<void>;
  private readonly pending = new Map<number, { resolve: (r: ReferenceReply) => void; reject: (e: Error) => void }>();
  private next = 0;
  /** Why the thread can no longer answer, once it cannot. */
  private gone: Error | undefined;

  constructor(private readonly worker: Worker) {
    let started: (ready: ReferenceReady) => void;
    let failed: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => ((started = resolve), (failed = reject)));
    const fail = (error: Error) => {
      this.gone ??= error;
      failed(error);
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    };
    worker.once("message", (ready: ReferenceReady) => {
      started(ready);
      worker.on("message", (reply: ReferenceReply) => {
        const call = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        call?.resolve(reply);
      });
    });
    worker.on("error", (error) => fail(new Error(`the embedded reference server stopped: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      worker.once("exit", () => {
        fail(new Error("the embedded reference server exited"));
        resolve();
      }),
    );
  }

  /** @throws Error when the thread fails the call or is gone */
  async call(call: Call): Promise<ReferenceReply["result"]> {
    if (this.gone) throw this.gone;
    const id = ++this.next;
    const reply = await new Promise<ReferenceReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...call, id });
    });
    if (reply.error !== undefined) throw new Error(`the embedded reference server: ${reply.error}`);
    return reply.result;
  }
}
