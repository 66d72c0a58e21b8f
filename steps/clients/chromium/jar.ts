import type { BrowserContext, CDPSession } from "playwright-core";
import type { JarCookie } from "../../abilities/browse.ts";

/** The fields of a DevTools Network.Cookie this client reads. */
interface DevToolsCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: "Strict" | "Lax" | "None";
}

// DevTools, not context.cookies(): Playwright reports a cookie without SameSite as "Lax", which
// would hide the very absence COOKIE-3's attribute check looks for.
export function toJarCookie(cookie: DevToolsCookie): JarCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    path: cookie.path,
    expires: cookie.session || cookie.expires < 0 ? undefined : cookie.expires,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite && (cookie.sameSite.toLowerCase() as JarCookie["sameSite"]),
  };
}

/** The cookies Chromium would send to `url` (domain, path and Secure matched by Chromium itself). */
export async function cookiesFor(cdp: CDPSession, url: URL): Promise<JarCookie[]> {
  const { cookies } = await cdp.send("Network.getCookies", { urls: [url.href] });
  return cookies.map(toJarCookie);
}

/** Every cookie of the tab's context, for a snapshot. */
export async function allCookies(cdp: CDPSession): Promise<JarCookie[]> {
  // Storage.getCookies without a context id reads the default context, not this tab's.
  const { cookies } = await cdp.send("Network.getAllCookies");
  return cookies.map(toJarCookie);
}

/** Put cookies back as they were: host-only ones (no leading dot) through `url`, the rest by domain. */
export async function putCookies(cdp: CDPSession, cookies: readonly JarCookie[], url: URL): Promise<void> {
  if (cookies.length === 0) return;
  const params = cookies.map((cookie) => ({
    name: cookie.name,
    value: cookie.value,
    ...(cookie.domain.startsWith(".")
      ? { domain: cookie.domain }
      : { url: new URL(cookie.path, `${cookie.secure ? "https:" : url.protocol}//${cookie.domain}`).href }),
    path: cookie.path,
    expires: cookie.expires,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite:
      cookie.sameSite &&
      (`${cookie.sameSite[0]!.toUpperCase()}${cookie.sameSite.slice(1)}` as "Strict" | "Lax" | "None"),
  }));
  await cdp.send("Network.setCookies", { cookies: params });
}

/** Drop the cookies already expired at the target's time (real time plus the clock's offset). */
export async function dropExpired(context: BrowserContext, offsetSeconds: number): Promise<void> {
  if (offsetSeconds === 0) return; // Chromium itself drops what expired in real time
  const now = Date.now() / 1000 + offsetSeconds;
  const expired = (await context.cookies()).filter((cookie) => cookie.expires > 0 && cookie.expires <= now);
  for (const { name, domain, path } of expired) await context.clearCookies({ name, domain, path });
}
