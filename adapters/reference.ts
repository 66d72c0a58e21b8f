import { ManualClock } from "../reference/clock.ts";
import { EXAMPLE_PATHS, exampleSite } from "../reference/examples/exampleSite.ts";
import { makeTlsIdentity } from "../lib/tls.ts";
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
      const site = exampleSite({ clock, sessionTimeout: options.sessionTimeout, onEnding: (line) => endings.push(line) });
      const http = await listen(site);
      const https = options.https === false ? undefined : await makeTlsIdentity().then(async (tls) => ({ tls, listening: await listen(site, { tls }) }));
      return {
        name: "reference",
        version: `session-conformance reference ${REFERENCE_VERSION}`,
        baseUrl: http.url,
        httpsBaseUrl: https?.listening.url,
        tlsCa: https?.tls.cert,
        paths: { ...EXAMPLE_PATHS },
        uidPattern: /Your session id is: (\S+)/,
        counterPattern: /Visit #(\d+) for you!/,
        sessionTimeoutSeconds: site.sessionTimeout,
        clock: {
          async advance(seconds) {
            clock.advance(seconds);
            await site.sweep();
          },
        },
        endings: { lines: async () => [...endings] },
        async stop() {
          site.stopSweeping();
          await Promise.all([http.close(), https?.listening.close()]);
        },
      };
    },
  };
}
