import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A kind of cross-site request, how a page of another site makes it, and what RFC 6265bis says of Lax. */
export interface ProbeKind {
  kind: string;
  laxAllows: boolean;
  /** The other site's page; `target` is the URL it requests. */
  html(target: string): string;
  /** Whether the request waits for a click (a person following a link or sending a form). */
  click: boolean;
}

const attr = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;");

export const PROBES: readonly ProbeKind[] = [
  { kind: "image", laxAllows: false, click: false, html: (t) => `<img src="${attr(t)}">` },
  { kind: "iframe", laxAllows: false, click: false, html: (t) => `<iframe src="${attr(t)}"></iframe>` },
  {
    kind: "top-level POST form",
    laxAllows: false,
    click: true,
    html: (t) => `<form method="post" action="${attr(t)}"><button id="go">go</button></form>`,
  },
  { kind: "top-level GET link", laxAllows: true, click: true, html: (t) => `<a id="go" href="${attr(t)}">go</a>` },
];

let site: Promise<{ server: Server; port: number }> | undefined;

/**
 * The origin of a page on another site than `target`: http://localhost when the target is on
 * 127.0.0.1, and the reverse. An IP address and a host name are never the same site.
 */
export async function otherSiteFor(target: URL): Promise<URL> {
  site ??= new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://x");
      const probe = PROBES.find((p) => p.kind === url.searchParams.get("kind"));
      const to = url.searchParams.get("target");
      if (!probe || !to) return void response.writeHead(404).end();
      response
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<!doctype html><title>another site</title>${probe.html(to)}`);
    });
    server.unref(); // it lives for the run; it must not keep the process alive
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
  const { port } = await site;
  return new URL(`http://${target.hostname === "127.0.0.1" ? "localhost" : "127.0.0.1"}:${port}`);
}

/** The other site's page that makes `probe`'s request to `target`. */
export function probePage(origin: URL, probe: ProbeKind, target: URL): URL {
  const page = new URL("/probe", origin);
  page.searchParams.set("kind", probe.kind);
  page.searchParams.set("target", target.href);
  return page;
}

/** Stop the other site's server, if it was started. */
export async function stopOtherSite(): Promise<void> {
  const current = site;
  site = undefined;
  const started = await current?.catch(() => undefined);
  await new Promise((resolve) => (started ? started.server.close(resolve) : resolve(undefined)));
}
