/**
 * The mini server's nodes: each node is an HTTP and an HTTPS listener of the one process, so
 * a cluster's nodes share what the process holds unless a flaw keeps it apart. A node can be
 * restarted: its listeners close and listen again on the same ports (a cluster's MULTI-6).
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { TlsIdentity } from "../../lib/tls.ts";
import type { MiniSession } from "./brokenServer.ts";
import type { Flaw } from "./flaws.ts";

export type NodeHandler = (node: number, secure: boolean) => (req: IncomingMessage, res: ServerResponse) => void;

/** One node's origins. */
export interface MiniNode {
  readonly url: URL;
  readonly httpsUrl: URL;
}

export interface MiniNodes {
  readonly nodes: readonly MiniNode[];
  /** Close node `index`'s listeners and connections, run `between`, then listen again on the same ports. */
  restart(index: number, between: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Start `count` nodes on 127.0.0.1, each over HTTP and HTTPS, answering through `handler`. */
export async function listenNodes(
  count: number,
  handler: NodeHandler,
  tls: TlsIdentity,
  options: { maxHeaderSize: number },
): Promise<MiniNodes> {
  const servers = Array.from({ length: count }, (_, node) => [
    createHttp(options, handler(node, false)),
    createHttps({ ...tls, ...options }, handler(node, true)),
  ]);
  const ports = await Promise.all(servers.map((pair) => Promise.all(pair.map((s) => listen(s, 0)))));
  const nodes = ports.map(([http, https]) => ({
    url: new URL(`http://127.0.0.1:${http}`),
    httpsUrl: new URL(`https://127.0.0.1:${https}`),
  }));
  const closeAll = (pair: Server[]) => Promise.all(pair.map(close));
  return {
    nodes,
    async restart(index, between) {
      const pair = servers[index];
      if (!pair) throw new Error(`the mini server has no node ${index}`);
      await closeAll(pair);
      between();
      // A restart takes a moment, as a process's does: the timer lets the closes reach the clients
      // in this process, the immediate comes after a poll of the event loop that reads them. Else
      // a client could send its next request on a connection already closed.
      await sleep(50);
      await new Promise(setImmediate);
      await Promise.all(pair.map((s, i) => listen(s, ports[index]![i]!)));
    },
    close: async () => void (await Promise.all(servers.map(closeAll))),
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject).listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * How each node sees the sessions the process holds: all of them, as a cluster on one shared
 * store does, unless a multi-node flaw gives a node a view of its own.
 */
export class NodeViews {
  /** Each node's copies of the sessions it served (expire-local-only). */
  private readonly copies = new Map<number, Map<string, MiniSession>>();
  /**
   * Each node's cached copy of the counter, loaded when the session was made and saved whole after
   * each visit (lost-updates-across-nodes): the other node's visits are overwritten, whatever the
   * order the requests arrive in.
   */
  private readonly counters = new Map<number, Map<string, number>>();

  constructor(private readonly has: (flaw: Flaw) => boolean) {}

  /** The session `key` names, as node `node` finds it. */
  lookUp(sessions: Map<string, MiniSession>, key: string | undefined, node: number): MiniSession | undefined {
    if (key === undefined) return undefined;
    const found = sessions.get(key) ?? this.of(this.copies, node).get(key);
    // Each node keeps its own sessions and knows nothing of the others'.
    if (found && this.has("per-node-sessions") && found.node !== node) return undefined;
    if (found && this.has("expire-local-only")) this.of(this.copies, node).set(key, found);
    return found;
  }

  /** A session ended: `node`'s copy goes (every node's when `node` is undefined). */
  forget(key: string, node: number | undefined): void {
    for (const [at, copies] of this.copies) if (node === undefined || at === node) copies.delete(key);
  }

  /** Count a visit on the node's cached counter and save it over the session's: the other nodes' visits are lost. */
  countOn(session: MiniSession, node: number): number {
    const cached = this.of(this.counters, node);
    const count = (cached.get(session.key) ?? 0) + 1;
    cached.set(session.key, count);
    session.counter = count;
    return count;
  }

  private of<T>(maps: Map<number, Map<string, T>>, node: number): Map<string, T> {
    let map = maps.get(node);
    if (!map) maps.set(node, (map = new Map()));
    return map;
  }
}
