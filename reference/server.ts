import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TlsIdentity } from "../lib/tls.ts";
import type { Site } from "./site.ts";

/** A Site listening on a port. */
export interface Listening {
  /** The origin it answers on, e.g. `http://127.0.0.1:8080`. */
  readonly url: URL;
  close(): Promise<void>;
}

/**
 * Serve `site` over HTTP, or over HTTPS when `tls` is given.
 * @param port - 0 picks a free port
 * @param host - the address to bind; loopback unless said otherwise
 */
export async function listen(
  site: Site,
  { port = 0, host = "127.0.0.1", tls }: { port?: number; host?: string; tls?: TlsIdentity } = {},
): Promise<Listening> {
  const secure = tls !== undefined;
  const handler: Parameters<typeof createHttpServer>[1] = (req, res) => void site.handle(req, res, secure);
  const server: Server = secure
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: new URL(`${secure ? "https" : "http"}://${hostname}:${address.port}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
