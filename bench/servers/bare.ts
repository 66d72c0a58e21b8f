/**
 * The ceiling: bare `node:http` answering a fixed string, with no session at all.
 * Prints the ready line that adapters/spawned.ts waits for.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const BODY = "Your session id is: 0000000000000000000000000000000000000000000000000000000000000000";

const server = createServer((_req, res) => {
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(BODY);
});
process.on("SIGTERM", () => process.exit(0));
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ ready: true, port, version: `node:http ${process.version}` }));
});
