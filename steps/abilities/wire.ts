import { parseResponse, type RawResponse } from "./responseBytes.ts";

export { parseResponse, printable, type RawResponse } from "./responseBytes.ts";

import { connect as connectTcp, isIP, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { connect as connectTls, TLSSocket } from "node:tls";

/**
 * The longest a burst waits between its first parts and its last bytes for its probe's answer
 * (a fixed 200 ms wait made 99 of 100 requests overlap under load; the probe does as well in ~35 ms).
 */
const SETTLE_MAX_MS = 200;

/** The answer, or why there was none (the server closed or reset the connection first). */
export type RawOutcome = RawResponse | { error: string };

/** The last TLS session each origin gave, so the next connection resumes it instead of a full handshake. */
const tlsSessions = new Map<string, Buffer>();

/**
 * Send one request whose Cookie header is exactly `cookie`, byte for byte, on a connection of
 * its own, and read the answer to the end of the connection: for HEAD, every byte after the
 * header is a body the server should not have sent. HTTP client libraries refuse to send
 * control bytes, and never show a HEAD body; a browser bug, a proxy or an attacker does not ask.
 * @param ca - the certificate to trust for an https URL
 */
export async function rawRequest(
  url: URL,
  cookie: Buffer | undefined,
  options: { method?: string; ca?: string; timeoutMs?: number } = {},
): Promise<RawOutcome> {
  const method = options.method ?? "GET";
  const socket = open(url, options.ca);
  const outcome = readOutcome(socket, options.timeoutMs ?? 10_000, method);
  socket.write(requestBytes(url, cookie, method));
  return outcome;
}

/** {@link rawRequest} with GET. */
export function rawGet(url: URL, cookie: Buffer, ca?: string, timeoutMs = 10_000): Promise<RawOutcome> {
  return rawRequest(url, cookie, { ca, timeoutMs });
}

/**
 * Send `count` identical GETs at the same instant, each on a connection of its own: every
 * request but its last byte is written first, then the last bytes all together ("last-byte
 * sync"), so the server receives them as one burst and their handling overlaps whatever the
 * machine's speed. A race that needs overlap then shows every time, not by chance.
 */
export async function rawBurst(
  url: URL,
  cookie: string,
  count: number,
  ca?: string,
  timeoutMs = 15_000,
): Promise<RawOutcome[]> {
  const message = requestBytes(url, cookie === "" ? undefined : Buffer.from(cookie, "latin1"));
  const sockets = await Promise.all(Array.from({ length: count }, () => connected(open(url, ca))));
  const outcomes = sockets.map((socket) => readOutcome(socket, timeoutMs));
  await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.write(message.subarray(0, -1), resolve))));
  // A written byte is not a read one: the server must have taken in every first part, or it
  // still handles the requests one by one. No client can see that directly; a request on a
  // connection opened after them is answered only once the server has accepted and read the
  // connections queued before it.
  // The probe carries no cookie, so it never touches the session under test.
  const probe = rawRequest(url, undefined, { ca, timeoutMs });
  await Promise.race([probe, sleep(SETTLE_MAX_MS)]);
  for (const socket of sockets) socket.write(message.subarray(-1));
  const answers = await Promise.all(outcomes);
  await probe;
  return answers;
}

function requestBytes(url: URL, cookie: Buffer | undefined, method = "GET"): Buffer {
  const head = Buffer.from(`${method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`, "latin1");
  const cookieLine =
    cookie === undefined ? [] : [Buffer.from("Cookie: ", "latin1"), cookie, Buffer.from("\r\n", "latin1")];
  return Buffer.concat([head, ...cookieLine, Buffer.from("Connection: close\r\n\r\n", "latin1")]);
}

function open(url: URL, ca: string | undefined): Socket {
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol !== "https:") return connectTcp({ host, port });
  const socket = connectTls({
    host,
    port,
    ca,
    servername: isIP(host) ? undefined : host,
    session: tlsSessions.get(url.origin),
  });
  return socket.on("session", (session: Buffer) => tlsSessions.set(url.origin, session));
}

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once(socket instanceof TLSSocket ? "secureConnect" : "connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** The answer read until the server closes the connection, or why there was none. */
function readOutcome(socket: Socket, timeoutMs: number, method = "GET"): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const response = parseResponse(Buffer.concat(chunks), method);
      resolve(response ?? { error: error ?? "the connection closed without an answer" });
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer within ${timeoutMs} ms`));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error) => finish(`${(error as NodeJS.ErrnoException).code ?? error.message} before an answer`));
    socket.on("end", () => finish());
    socket.on("close", () => finish());
  });
}
