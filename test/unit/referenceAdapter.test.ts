import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Agent, request } from "undici";
import { referenceAdapter } from "../../adapters/reference.ts";

describe("the embedded reference's thread", () => {
  it("serves HTTP and HTTPS, moves its clock and reports endings, and refuses calls once stopped", async () => {
    const target = await referenceAdapter({ sessionTimeout: 60 }).start();
    const { http, https } = target.connection.nodes[0];
    assert.ok(https, "HTTPS is served by default");
    const tls = new Agent({ connect: { ca: target.connection.tlsCa } });
    try {
      const secure = await request(new URL("/", https), { dispatcher: tls });
      assert.match(await secure.body.text(), /Your session id is: [0-9a-f]{64}/);
      const visit = await request(new URL("/logme", http));
      await visit.body.text();
      const cookie = String(visit.headers["set-cookie"]).split(";")[0]!;
      const uid = cookie.split("=")[1];
      assert.deepEqual(await target.capabilities.endings!.lines(), []);
      await target.capabilities.clock!.advance(61);
      assert.deepEqual(await target.capabilities.endings!.lines(), [`Session ${uid} has expired.`]);
    } finally {
      await tls.close();
      await target.stop();
    }
    await assert.rejects(target.capabilities.endings!.lines(), /embedded reference server exited/);
  });

  it("serves HTTP only when told to", async () => {
    const target = await referenceAdapter({ https: false }).start();
    try {
      assert.equal(target.connection.nodes[0].https, undefined);
      assert.equal(target.connection.tlsCa, undefined);
    } finally {
      await target.stop();
    }
  });
});
