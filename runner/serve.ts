import { ManualClock } from "../reference/clock.ts";
import { exampleSite } from "../reference/examples/exampleSite.ts";
import { ClockAdvance, EndingsPage } from "../reference/examples/testHooks.ts";
import { Resource } from "../reference/resource.ts";
import { makeTlsIdentity } from "../lib/tls.ts";
import { listen } from "../reference/server.ts";

export interface ServeOptions {
  port: number;
  host: string;
  httpsPort?: number;
  timeout?: number;
  manualClock: boolean;
}

/** Serve the reference example site for a person or another tool to try, until stopped. */
export async function serve(options: ServeOptions): Promise<void> {
  const clock = options.manualClock ? new ManualClock(Date.now() / 1000) : undefined;
  const endings: string[] = [];
  const site = exampleSite({
    clock,
    sessionTimeout: options.timeout,
    onEnding: (line) => {
      endings.push(line);
      process.stdout.write(`${line}\n`);
    },
  });
  if (clock) {
    const clockPages = new Resource();
    clockPages.putChild("advance", new ClockAdvance(clock, site));
    site.resource.putChild("_clock", clockPages);
    site.resource.putChild("_endings", new EndingsPage(endings));
  }
  const http = await listen(site, { port: options.port, host: options.host });
  process.stdout.write(`serving the reference example on ${http.url.href}\n`);
  if (options.httpsPort !== undefined) {
    const https = await listen(site, { port: options.httpsPort, host: options.host, tls: await makeTlsIdentity() });
    process.stdout.write(`and on ${https.url.href} (self-signed certificate)\n`);
  }
  if (clock) process.stdout.write("manual clock: POST /_clock/advance?seconds=N moves it; GET /_endings lists ended sessions\n");
}
