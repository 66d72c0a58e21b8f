import { parseSetCookie, type SetCookie } from "cookie";
import { Cookie } from "tough-cookie";

/**
 * One Set-Cookie header read twice: by jshttp/cookie, close to the wire, and by tough-cookie,
 * as a browser's jar reads it. A check passes only when both readings agree.
 */
export interface SetCookieReading {
  raw: string;
  wire: SetCookie;
  jar: Cookie | undefined;
}

export function readSetCookie(raw: string): SetCookieReading {
  return { raw, wire: parseSetCookie(raw), jar: Cookie.parse(raw) };
}

/** SameSite as both readers see it, lowercased; `undefined` when either misses it. */
export function sameSiteOf(reading: SetCookieReading): string | undefined {
  const wire = String(reading.wire.sameSite ?? "").toLowerCase();
  const jar = String(reading.jar?.sameSite ?? "").toLowerCase();
  return wire && wire === jar ? wire : undefined;
}
