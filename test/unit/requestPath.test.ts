import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { describe, it } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import { ManualClock } from "../../reference/clock.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { MemorySessionStore } from "../../reference/memoryStore.ts";
import type { Request } from "../../reference/request.ts";
import { Resource } from "../../reference/resource.ts";
import { Site } from "../../reference/site.ts";
import { RecordedResponse } from "../support/recordedResponse.ts";

function handle(site: Site, url: string, cookie?: string) {
  const message = { method: "GET", url, headers: cookie ? { cookie } : {} } as unknown as IncomingMessage;
  const response = new RecordedResponse();
  const returned = site.handle(message, response.asServerResponse);
  return { returned, response };
}

describe("the per-request path", () => {
  it("answers within handle(), with no promise, when the store and the page answer at once", () => {
    const site = exampleSite({ clock: new ManualClock(0), onEnding: () => {} });
    const first = handle(site, "/");
    assert.equal(first.returned, undefined);
    assert.equal(first.response.statusCode, 200);
    const cookie = String(first.response.headers.get("set-cookie")).split(";")[0]!;
    const again = handle(site, "/", cookie);
    assert.equal(again.returned, undefined);
    assert.equal(again.response.body, first.response.body);
    assert.equal(again.response.headers.get("cache-control"), "no-store");
    assert.equal(again.response.headers.get("set-cookie"), undefined);
  });

  it("looks a session up at once in a store that answers at once", () => {
    const site = new Site(new Resource(), { clock: new ManualClock(0) });
    const session = site.makeSession();
    assert.equal(site.getSession(session.uid), session);
    site.stopSweeping();
  });

  it("gives a page the query parameters it asks for (the first of two)", async () => {
    const site = exampleSite({ clock: new ManualClock(0), onEnding: () => {} });
    const { returned, response } = handle(site, "/slow?ms=1&ms=9");
    await returned;
    assert.equal(response.body, "Your session was held for 1 ms.");
  });

  for (const synchronous of [true, false]) {
    it(`after a page's await, a failed write answers 503 with a store that may answer later, and is logged with one that answers at once (${synchronous})`, async () => {
      class LateFailure extends MemorySessionStore {
        override readonly synchronous = synchronous;
        failing = false;
        override touched(): void | Promise<void> {
          if (this.failing) return nextTurn().then(() => Promise.reject(new Error("connection reset")));
        }
      }
      const store = new LateFailure();
      class TouchLater extends Resource {
        async render_GET(request: Request): Promise<string> {
          const session = request.getSession();
          await nextTurn();
          store.failing = true;
          request.site.touchSession(session);
          return "touched";
        }
      }
      const logged: string[] = [];
      const site = new Site(new TouchLater(), { store, clock: new ManualClock(0), log: (line) => logged.push(line) });
      const { returned, response } = handle(site, "/");
      await returned;
      if (synchronous) {
        // A store that answers at once needs no async context, so a write after an await belongs to no request.
        assert.equal(response.statusCode, 200);
        for (let turn = 0; turn < 3 && logged.length === 0; turn++) await nextTurn();
        assert.match(logged.join("\n"), /session store write failed: Error: connection reset/);
      } else {
        assert.equal(response.statusCode, 503);
        assert.match(String(response.body), /^Service Unavailable: session store write failed: connection reset/);
      }
      site.stopSweeping();
    });
  }

  it("waits for a write that fails while the page is still rendering, without an unhandled rejection", async () => {
    class EarlyFailure extends MemorySessionStore {
      override add(session: Parameters<MemorySessionStore["add"]>[0]): Promise<void> {
        super.add(session);
        return Promise.reject(new Error("disk full"));
      }
    }
    class Slow extends Resource {
      async render_GET(request: Request): Promise<string> {
        request.getSession();
        // The add() has failed by now, long before the Site waits for it.
        for (let turn = 0; turn < 3; turn++) await nextTurn();
        return "late";
      }
    }
    const site = new Site(new Slow(), { store: new EarlyFailure(), clock: new ManualClock(0), log: () => {} });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const { returned, response } = handle(site, "/");
      await returned;
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers.get("set-cookie"), undefined);
      await nextTurn();
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", record);
      site.stopSweeping();
    }
  });
});
