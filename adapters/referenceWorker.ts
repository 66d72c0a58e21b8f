/**
 * The embedded reference server's thread (adapters/reference.ts): the example site on
 * 127.0.0.1 over HTTP and HTTPS with a manual clock. It answers the suite's calls (move the
 * clock, list the endings, stop) by message, and runs on a core of its own while the suite's
 * steps run on the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { makeTlsIdentity } from "../lib/tls.ts";
import { ManualClock } from "../reference/clock.ts";
import { exampleSite } from "../reference/examples/exampleSite.ts";
import { listen } from "../reference/server.ts";
import type { ReferenceCall, ReferenceOptions, ReferenceReady, ReferenceReply } from "./referenceMessages.ts";

const options = workerData as ReferenceOptions;
const port = parentPort!;
const clock = new ManualClock(Date.now() / 1000);
const endings: string[] = [];
const site = exampleSite({ clock, sessionTimeout: options.sessionTimeout, onEnding: (line) => endings.push(line) });
const tls = options.https === false ? undefined : await makeTlsIdentity();
const [http, https] = await Promise.all([listen(site), tls && listen(site, { tls })]);

async function answer(call: ReferenceCall): Promise<ReferenceReply["result"]> {
  switch (call.name) {
    case "advance":
      clock.advance(call.seconds);
      return site.sweep();
    case "endings":
      return [...endings];
    case "stop":
      site.stopSweeping();
      await Promise.all([http.close(), https?.close()]);
  }
}

port.on("message", (call: ReferenceCall) => {
  answer(call)
    .then(
      (result) => port.postMessage({ id: call.id, result } satisfies ReferenceReply),
      (error: unknown) => port.postMessage({ id: call.id, error: String(error) } satisfies ReferenceReply),
    )
    // Stopped: nothing is left to keep the thread, so it ends.
    .finally(() => call.name === "stop" && port.close());
});
port.postMessage({
  http: http.url.href,
  https: https?.url.href,
  cert: tls?.cert,
  sessionTimeout: site.sessionTimeout,
} satisfies ReferenceReady);
