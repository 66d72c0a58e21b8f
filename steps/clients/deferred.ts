import type { Browse } from "../abilities/browse.ts";

/**
 * A Browse whose client is still being made: each call waits for it. Actors are made where a
 * step first names them, synchronously, while a browser context takes a moment to open. The
 * browser-only abilities are offered when `browser` is true, as the client will have them.
 */
export function deferredBrowse(making: Promise<Browse>, client: Browse["client"]): Browse {
  // A failure to make the client surfaces at the first call, in the step that made it.
  making.catch(() => undefined);
  const browse: Browse = {
    client,
    visit: async (url) => (await making).visit(url),
    visitAll: async (urls) => (await making).visitAll(urls),
    cookies: async (url) => (await making).cookies(url),
    restoreCookies: async (cookies, url) => (await making).restoreCookies(cookies, url),
    flushCookies: async () => (await making).flushCookies(),
    clockMoved: async (seconds) => (await making).clockMoved(seconds),
    close: async () => (await making.catch(() => undefined))?.close(),
  };
  if (client !== "chromium") return browse;
  return {
    ...browse,
    scriptVisibleCookies: async (url) => (await making).scriptVisibleCookies!(url),
    crossSiteRequests: async (url) => (await making).crossSiteRequests!(url),
    secureCookieOverPlainHttp: async (httpsUrl, httpUrl) =>
      (await making).secureCookieOverPlainHttp!(httpsUrl, httpUrl),
  };
}
