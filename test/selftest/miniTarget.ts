/**
 * The mini server as a target built in code. A target file describes one node only, so a run
 * on several nodes hands the suite this target through adapters/index.ts's registerAdapter.
 */
import { registerAdapter } from "../../adapters/index.ts";
import type { NodeOrigins, Target } from "../../adapters/target.ts";
import type { BrokenServer } from "./brokenServer.ts";
import type { MiniOptions } from "./flaws.ts";

/** The mini server's pages, as the target file and the built target both declare them. */
export const MINI_PATHS = {
  show: "/",
  expire: "/expire",
  counter: "/counter",
  notify: "/logme",
  slow: "/slow?ms={ms}",
};
export const MINI_ENDINGS_PATH = "/_endings";
export const MINI_UID_PATTERN = "Your session id is: (\\S+)";
export const MINI_COUNTER_PATTERN = "Visit #(\\d+) for you!";

/** `server` as a Target: every node, its clock and endings read in process, its nodes restartable. */
export function miniTarget(name: string, server: BrokenServer, options: MiniOptions, tlsCa: string): Target {
  const [first, ...others] = server.nodes.map(
    (node): NodeOrigins => ({ http: node.url, https: options.overHttps ? node.httpsUrl : undefined }),
  );
  const cookieName = options.undeclaredCookieName ? undefined : "MINI_SESSION";
  return {
    name,
    connection: { nodes: [first!, ...others], tlsCa },
    pages: {
      paths: MINI_PATHS,
      uidPattern: new RegExp(MINI_UID_PATTERN),
      counterPattern: new RegExp(MINI_COUNTER_PATTERN),
      sessionTimeoutSeconds: server.timeoutSeconds,
      cookieName,
      secureCookieName: cookieName,
    },
    capabilities: {
      clock: options.realTime ? undefined : { advance: async (seconds) => server.advance(seconds) },
      endings: { lines: async () => server.endingLines() },
      restartNode: (index) => server.restartNode(index),
    },
    // The self-test closes the server itself, after the run.
    stop: async () => {},
  };
}

/** Make `target` known to the suite by `name` while `body` runs. */
export async function withTargetNamed<T>(name: string, target: Target, body: () => Promise<T>): Promise<T> {
  const unregister = registerAdapter(name, { name, start: async () => target });
  try {
    return await body();
  } finally {
    unregister();
  }
}
