/**
 * Endings read from a spawned server's output: read only once the sync marker is in, and never a
 * partial list passed off as complete (an error the run turns into `error`).
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { endingsFromOutput, type SpawnedServer } from "../../adapters/spawned.ts";
import { CONTROL_ROUTES } from "../../lib/pages.ts";

/** A stand-in for the server: its sync route answers `status` with marker 7 and runs `onSync`. */
async function syncServer(status: number, onSync: () => void): Promise<{ server: Server; url: URL }> {
  const server = createServer((request, response) => {
    assert.equal(`${request.method} ${request.url}`, `POST ${CONTROL_ROUTES.endingsSync}`);
    onSync();
    response.writeHead(status).end("7");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
}

const spawned = (output: string[]): SpawnedServer => ({
  ready: { ready: true, port: 0 },
  pid: 0,
  output,
  stop: async () => {},
});

describe("endings from a spawned server's output", () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it("waits for the marker, so an ending printed after the answer is still read", async () => {
    const output = ["Session early has expired.", "some other line"];
    const { server, url } = await syncServer(200, () => {
      // Lines and the HTTP answer race: these arrive after the answer does.
      setTimeout(() => output.push("Session late has expired.", "_sync 7"), 50);
    });
    servers.push(server);
    assert.deepEqual(await endingsFromOutput(spawned(output), url).lines(), [
      "Session early has expired.",
      "Session late has expired.",
    ]);
  });

  it("throws when the marker never arrives, rather than return what came within 5 s", async () => {
    const output = ["Session early has expired."];
    const { server, url } = await syncServer(200, () => {});
    servers.push(server);
    await assert.rejects(endingsFromOutput(spawned(output), url).lines(), /"_sync 7" line did not arrive within 5 s/);
  });

  it("throws when the sync route answers other than 200", async () => {
    const { server, url } = await syncServer(500, () => {});
    servers.push(server);
    await assert.rejects(endingsFromOutput(spawned([]), url).lines(), /the endings sync answered 500/);
  });
});
