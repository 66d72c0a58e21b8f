/**
 * The mini server's Set-Cookie header, good or broken on purpose: each broken one is a way
 * BASIC-1, BASIC-7 or a COOKIE requirement must see a server go wrong.
 */
import { stringifySetCookie } from "cookie";
import type { Flaw } from "./flaws.ts";

export const MINI_COOKIE = "MINI_SESSION";

/** When the cookie stops: absolute time in ms (the server's clock, moves included) and seconds left. */
export interface Lifetime {
  expiresAtMs: number;
  maxAgeSeconds: number;
}

/**
 * The Set-Cookie header for `uid`.
 * @param lifetime - give the cookie Expires and Max-Age; none makes a browser-session cookie
 * @param which - which of the two lifetime attributes to write
 */
export function cookieFor(
  uid: string,
  secure: boolean,
  has: (flaw: Flaw) => boolean,
  lifetime?: Lifetime,
  which: "both" | "expires" | "max-age" = "both",
): string {
  const name = has("huge-cookie")
    ? `${MINI_COOKIE}_${"X".repeat(4100)}`
    : has("cookie-name-differs")
      ? "MINI_SID"
      : MINI_COOKIE;
  return stringifySetCookie({
    name,
    value: uid,
    path: has("cookie-path-subdir") ? "/app" : "/",
    httpOnly: !has("no-httponly"),
    sameSite: has("no-samesite") ? undefined : "lax",
    secure: secure && !has("no-secure-over-https"),
    // Rounded up to the second an HTTP date can say, so the cookie never ends before the session.
    expires: lifetime && which !== "max-age" ? new Date(Math.ceil(lifetime.expiresAtMs / 1000) * 1000) : undefined,
    maxAge: lifetime && which !== "expires" ? Math.round(lifetime.maxAgeSeconds) : undefined,
  });
}
