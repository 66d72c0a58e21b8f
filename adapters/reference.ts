import { COUNTER_PATTERN, PAGE_PATHS, UID_PATTERN } from "../lib/pages.ts";
import { makeTlsIdentity } from "../lib/tls.ts";
import { ManualClock } from "../reference/clock.ts";
import { exampleSite } from "../reference/examples/exampleSite.ts";
import { listen } from "../reference/server.ts";
import { REFERENCE_VERSION } from "../reference/version.ts";
import type { Adapter, Target } from "./target.ts";

export interface ReferenceOptions {
  /** Idle timeout in seconds (default 900, as Twisted). */
  sessionTimeout?: number;
  /** Serve HTTPS beside HTTP (default true). */
  https?: boolean;
}

/**
 * The embedded reference server, in this process, on 127.0.0.1, over HTTP and HTTPS, with a
 * clock the suite moves, so timeout scenarios take milliseconds.
 */
export function referenceAdapter(options: ReferenceOptions = {}): Adapter {
  return {
    name: "reference",
    async start(): Promise<Target> {
      const clock = new ManualClock(Date.now() / 1000);
      const endings: string[] = [];
      const site = exampleSite({
        clock,
        sessionTimeout: options.sessionTimeout,
        onEnding: (line) => endings.push(line),
      });
      const http = await listen(site);
      const tls = options.https === false ? undefined : await makeTlsIdentity();
      const https = tls && (await listen(site, { tls }));
      return {
        name: "reference",
        version: `session-conformance reference ${REFERENCE_VERSION}`,
        connection: { nodes: [{ http: http.url, https: https?.url }], tlsCa: tls?.cert },
        pages: {
          paths: { ...PAGE_PATHS },
          uidPattern: UID_PATTERN,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: site.sessionTimeout,
        },
        capabilities: {
          clock: {
            async advance(seconds) {
              clock.advance(seconds);
              await site.sweep();
            },
          },
          endings: { lines: async () => [...endings] },
        },
        async stop() {
          site.stopSweeping();
          await Promise.all([http.close(), https?.close()]);
        },
      };
    },
  };
}
