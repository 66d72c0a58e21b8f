import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { request } from "undici";
import { ManualClock } from "../../reference/clock.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { MemorySessionStore } from "../../reference/memoryStore.ts";
import { listen } from "../../reference/server.ts";
import type { Session } from "../../reference/session.ts";

/** A memory store whose writes fail when told to, as a networked store's do. */
class FlakyStore extends MemorySessionStore {
  failing: "add" | "touched" | "remove" | undefined;
  override add(session: Session): void | Promise<void> {
    super.add(session);
    if (this.failing === "add") return Promise.reject(new Error("disk full"));
  }
  override touched(): Promise<void> | void {
    if (this.failing === "touched") return Promise.reject(new Error("connection reset"));
  }
  override remove(session: Session): Promise<void> | void {
    super.remove(session);
    if (this.failing === "remove") return Promise.reject(new Error("timed out"));
  }
}

async function get(url: URL, cookie?: string) {
  const response = await request(url, { headers: cookie ? { cookie } : {} });
  return { status: response.statusCode, body: await response.body.text(), setCookie: response.headers["set-cookie"] };
}

describe("a store write that fails is never swallowed", () => {
  for (const failing of ["add", "touched", "remove"] as const) {
    it(`answers 503 with a one-line reason, and no cookie, when ${failing}() fails`, async () => {
      const store = new FlakyStore();
      const logged: string[] = [];
      const site = exampleSite({ clock: new ManualClock(0), store, log: (line) => logged.push(line) });
      const http = await listen(site);
      try {
        const first = await get(http.url);
        assert.equal(first.status, 200);
        const cookie = String(first.setCookie).split(";")[0]!;
        store.failing = failing;
        const page = failing === "remove" ? "/expire" : "/";
        const answer = await get(new URL(page, http.url), failing === "add" ? undefined : cookie);
        assert.equal(answer.status, 503);
        assert.match(answer.body, /^Service Unavailable: session store write failed: .+\n$/);
        assert.equal(answer.setCookie, undefined);
        assert.match(logged.join("\n"), /session store failed answering GET/);
      } finally {
        site.stopSweeping();
        await http.close();
      }
    });
  }
});
