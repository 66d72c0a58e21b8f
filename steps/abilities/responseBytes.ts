/** Reading an HTTP/1.1 answer off raw bytes, and showing bytes in a transcript. */

/** An answer read off the wire. */
export interface RawResponse {
  status: number;
  /** Header fields by lowercased name, every value kept. */
  headers: Record<string, string[]>;
  body: string;
}

/** Parse an HTTP/1.1 response read to the end of its connection; `undefined` when incomplete. */
export function parseResponse(raw: Buffer, method = "GET"): RawResponse | undefined {
  const end = raw.indexOf("\r\n\r\n");
  if (end === -1) return undefined;
  const [statusLine, ...lines] = raw.subarray(0, end).toString("latin1").split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1];
  if (!status) return undefined;
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) (headers[line.slice(0, colon).trim().toLowerCase()] ??= []).push(line.slice(colon + 1).trim());
  }
  const rest = raw.subarray(end + 4);
  const chunked = headers["transfer-encoding"]?.some((v) => /chunked/i.test(v));
  const length = Number(headers["content-length"]?.[0]);
  // RFC 9110 9.3.2: an answer to HEAD has no content, whatever its framing headers say.
  const body =
    method === "HEAD" ? rest : chunked ? dechunk(rest) : Number.isInteger(length) ? rest.subarray(0, length) : rest;
  return { status: Number(status), headers, body: body.toString("utf8") };
}

/** RFC 9112 7.1: chunk-size in hex, CRLF, the data, CRLF; a zero size ends the body. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", at);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Bytes as a transcript shows them: printable ASCII as is, anything else as \xNN, long ones cut. */
export function printable(bytes: Buffer, limit = 300): string {
  const shown = [...bytes.subarray(0, limit)]
    .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`))
    .join("");
  return bytes.length > limit ? `${shown}… (${bytes.length} bytes)` : shown;
}
