import assert from "node:assert/strict";
import { after, describe, it, type TestContext } from "node:test";
import { referenceAdapter } from "../../adapters/reference.ts";
import type { Adapter, Target } from "../../adapters/target.ts";
import { createTwistedAdapter, twistedAvailable } from "../../adapters/twisted/index.ts";
import { ChromiumBrowse, stopChromium } from "../../steps/clients/chromium/index.ts";
import { missing, needChromium, Wire } from "./support.ts";

/** COOKIE-2/3/4 as a browser judges them, by effect, with the wire as evidence. */
interface Evidence {
  sessionCookie: string;
  scriptVisible: string[];
  /** Lax-forbidden kinds of cross-site request that carried the session cookie. */
  leakedCrossSite: string[];
  /** The Lax-allowed control: it must carry the cookie, or the probe proves nothing. */
  controlCarried: boolean;
  secureSentOverHttp: string[];
  secureSet: string[];
  wire: Wire;
}

async function judge(target: Target): Promise<Evidence> {
  const wire = new Wire();
  const alice = await ChromiumBrowse.create({ actor: "Alice", record: wire.record, tlsCa: target.connection.tlsCa });
  try {
    const show = new URL(target.pages.paths.show, target.connection.nodes[0].http);
    const first = await alice.visit(show);
    const sessionCookie = first.setCookies[0]?.split("=")[0] ?? "";
    const probes = await alice.crossSiteRequests(show);
    const plain = await alice.secureCookieOverPlainHttp(
      new URL(target.pages.paths.show, target.connection.nodes[0].https),
      show,
    );
    const secureSet = plain.overHttps.setCookies.map((line) => line.split("=")[0] ?? "");
    return {
      sessionCookie,
      scriptVisible: await alice.scriptVisibleCookies(show),
      leakedCrossSite: probes
        .filter((p) => !p.laxAllows && p.sentCookieNames.includes(sessionCookie))
        .map((p) => p.kind),
      controlCarried: probes.some((p) => p.laxAllows && p.sentCookieNames.includes(sessionCookie)),
      secureSet,
      secureSentOverHttp: plain.sentOverHttp.filter((name) => secureSet.includes(name)),
      wire,
    };
  } finally {
    await alice.close();
  }
}

async function evidenceOn(t: TestContext, adapter: Adapter): Promise<Evidence | undefined> {
  if (!(await needChromium(t))) return undefined;
  const target = await adapter.start();
  try {
    return await judge(target);
  } finally {
    await target.stop();
  }
}

describe("browser-only evidence, by effect in Chromium", { timeout: 120_000 }, () => {
  after(stopChromium);

  it("the reference passes COOKIE-2, COOKIE-3 and COOKIE-4", async (t) => {
    const e = await evidenceOn(t, referenceAdapter());
    if (!e) return;
    assert.notEqual(e.sessionCookie, "", `no session cookie:\n${e.wire}`);
    assert.deepEqual(e.scriptVisible, [], `COOKIE-2: document.cookie shows ${e.scriptVisible}`);
    assert.deepEqual(e.leakedCrossSite, [], `COOKIE-3: ${e.sessionCookie} rode on ${e.leakedCrossSite}:\n${e.wire}`);
    assert.ok(e.controlCarried, `the top-level GET link should carry ${e.sessionCookie}:\n${e.wire}`);
    assert.ok(e.secureSet.length > 0, `no cookie set over HTTPS:\n${e.wire}`);
    assert.deepEqual(e.secureSentOverHttp, [], `COOKIE-4: sent over plain HTTP:\n${e.wire}`);
  });

  it("Twisted fails COOKIE-2 and COOKIE-3 (no HttpOnly, no SameSite) and passes COOKIE-4", async (t) => {
    if (!(await twistedAvailable()))
      return missing(t, "twisted: not available: install python3-twisted (apt-get install python3-twisted)");
    const e = await evidenceOn(t, createTwistedAdapter());
    if (!e) return;
    assert.equal(e.sessionCookie, "TWISTED_SESSION", `${e.wire}`);
    assert.ok(
      e.scriptVisible.includes("TWISTED_SESSION"),
      `COOKIE-2 should fail: document.cookie shows [${e.scriptVisible}]`,
    );
    // Chromium treats a cookie without SameSite as Lax, except that for its first 2 minutes it
    // still rides on a cross-site top-level POST ("Lax-allowing-unsafe"): that is the failure.
    assert.deepEqual(
      e.leakedCrossSite,
      ["top-level POST form"],
      `COOKIE-3 should fail by a cross-site POST:\n${e.wire}`,
    );
    assert.ok(e.controlCarried, `${e.wire}`);
    assert.deepEqual(e.secureSentOverHttp, [], `COOKIE-4: sent over plain HTTP:\n${e.wire}`);
  });
});
