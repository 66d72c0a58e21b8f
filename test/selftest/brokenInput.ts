/**
 * How the mini server reads a request's session id, good or broken on purpose: each broken
 * reading is a way ROBUST-1, ROBUST-2 or SEC-3 must see a server go wrong.
 */
import type { IncomingMessage } from "node:http";
import { parseCookie } from "cookie";
import type { Flaw } from "./flaws.ts";

/**
 * The session id a request names, or the status the flawed server answers instead. `adopt`:
 * the flawed server means to keep that id even when no session has it.
 */
export type Reading = { key: string | undefined; adopt?: boolean } | { status: number };

/** RFC 6265 4.2.1's cookie-string, strictly: `name=value` pairs joined by "; ". */
const STRICT_COOKIE_STRING =
  /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*(; [!#$%&'*+\-.^_`|~0-9A-Za-z]+=[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*)*$/;

/**
 * Read the session id the request names under `cookieName`.
 * @param lastServed - the uid the server answered its previous request with, whoever sent it
 */
export function readSessionKey(
  req: IncomingMessage,
  url: URL,
  cookieName: string,
  has: (flaw: Flaw) => boolean,
  lastServed: string | undefined,
): Reading {
  const header = req.headers.cookie;
  if (header !== undefined) {
    if (has("crashes-on-quote") && header.includes('"')) return { status: 500 };
    if (has("rejects-odd-cookies") && !STRICT_COOKIE_STRING.test(header)) return { status: 400 };
    const named = header.split(";").filter((pair) => pair.split("=", 1)[0]!.trim() === cookieName).length;
    if (named > 1 && has("crashes-on-duplicate-cookie")) return { status: 500 };
    if (named > 1 && has("duplicate-cookie-mixes-sessions")) return { key: lastServed };
    // Keys sessions by the raw value, quotes and all, and makes one for any quoted value it does not know.
    const quoted = has("adopts-quoted-cookie")
      ? new RegExp(`(?:^|;\\s*)${cookieName}="([0-9A-Za-z_-]+)"(?:;|$)`).exec(header)
      : null;
    if (quoted) return { key: `"${quoted[1]}"`, adopt: true };
  }
  const fromCookie = parseCookie(header ?? "")[cookieName];
  if (fromCookie !== undefined) return { key: fromCookie };
  if (has("id-in-query") && url.searchParams.has(cookieName)) return { key: url.searchParams.get(cookieName)! };
  const parameter = /;([^/;=]+)=([^/;]*)$/.exec(url.pathname);
  if (has("id-in-path-parameter") && parameter?.[1] === cookieName) return { key: decodeURIComponent(parameter[2]!) };
  return { key: undefined };
}
