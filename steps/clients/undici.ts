import { Cookie, CookieJar } from "tough-cookie";
import { Agent, request } from "undici";
import { headerList } from "../../lib/headers.ts";
import type { Browse, BrowseOptions, JarCookie, Page } from "../abilities/browse.ts";

/**
 * The default client: undici for HTTP and a tough-cookie jar, one of each per actor. Redirects
 * are not followed (undici's default), so every response is seen as the server sent it.
 *
 * Cookie lifetimes are judged at the target's time: real time plus the seconds the suite moved
 * the target's clock. tough-cookie judges Expires by real time and counts Max-Age from the last
 * access, so each cookie's expiry is fixed when it is set (RFC 6265 5.2.1, 5.2.2) and the jar
 * is swept at the target's time before every use.
 */
export function undiciBrowse(options: BrowseOptions): Browse {
  const jar = new CookieJar();
  const dispatcher = new Agent({ connect: options.tlsCa ? { ca: options.tlsCa } : undefined, connectTimeout: 5_000 });
  let offsetMs = (options.clockOffsetSeconds ?? 0) * 1000;
  const targetNow = () => new Date(Date.now() + offsetMs);

  const sweep = async () => {
    const now = targetNow().getTime();
    for (const c of await jar.store.getAllCookies()) {
      if (c.expires instanceof Date && c.expires.getTime() <= now)
        await jar.store.removeCookie(c.domain, c.path, c.key);
    }
  };
  const keep = async (header: string, url: URL) => {
    const cookie = Cookie.parse(header);
    if (!cookie) return;
    const now = targetNow();
    if (cookie.maxAge !== null && cookie.maxAge !== undefined) {
      const expiry = cookie.expiryTime(now);
      cookie.expires = expiry === undefined || expiry === Infinity ? "Infinity" : new Date(Math.max(expiry, 0));
      cookie.maxAge = null;
    }
    await jar.setCookie(cookie, url.href, { ignoreError: true, now });
    await sweep();
  };

  const visit = async (url: URL): Promise<Page> => {
    await sweep();
    const sentCookie = (await jar.getCookieString(url.href)) || undefined;
    const requestHeaders: Record<string, string> = sentCookie ? { cookie: sentCookie } : {};
    const exchange = { actor: options.actor, method: "GET", url: url.href, requestHeaders };
    try {
      const response = await request(url, {
        headers: requestHeaders,
        dispatcher,
        headersTimeout: 15_000,
        bodyTimeout: 15_000,
      });
      const body = await response.body.text();
      const setCookies = headerList(response.headers["set-cookie"]);
      for (const header of setCookies) await keep(header, url);
      options.record({ ...exchange, status: response.statusCode, responseHeaders: defined(response.headers), body });
      return { status: response.statusCode, headers: response.headers, setCookies, body, sentCookie };
    } catch (error) {
      options.record({ ...exchange, error: String(error) });
      throw error;
    }
  };

  return {
    client: "default",
    visit,
    visitAll: (urls) => Promise.all(urls.map(visit)),
    async cookies(url) {
      await sweep();
      return (await jar.getCookies(url.href)).map(toJarCookie);
    },
    async restoreCookies(cookies, url) {
      for (const c of cookies) await jar.setCookie(fromJarCookie(c), url.href, { ignoreError: true, now: targetNow() });
    },
    flushCookies: () => jar.removeAllCookies(),
    async clockMoved(seconds) {
      offsetMs += seconds * 1000;
    },
    close: () => dispatcher.close(),
  };
}

function toJarCookie(c: Cookie): JarCookie {
  const expires = c.expires instanceof Date ? c.expires.getTime() / 1000 : undefined;
  const sameSite = c.sameSite === "strict" || c.sameSite === "lax" || c.sameSite === "none" ? c.sameSite : undefined;
  return {
    name: c.key,
    value: c.value,
    domain: c.domain ?? "",
    path: c.path ?? "/",
    expires,
    httpOnly: c.httpOnly,
    secure: c.secure,
    sameSite,
  };
}

function fromJarCookie(c: JarCookie): Cookie {
  const expires = c.expires === undefined ? "Infinity" : new Date(c.expires * 1000);
  return new Cookie({
    key: c.name,
    value: c.value,
    path: c.path,
    expires,
    httpOnly: c.httpOnly,
    secure: c.secure,
    sameSite: c.sameSite,
  });
}

function defined(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined),
  );
}
