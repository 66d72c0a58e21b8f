import type { BrowserContext } from "playwright-core";
import type { CrossSiteProbe, PlainHttpProbe, RecordExchange } from "../../abilities/browse.ts";
import { allCookies, putCookies } from "./jar.ts";
import { INSECURE_LOOPBACK_NAME } from "./launcher.ts";
import { otherSiteFor, PROBES, probePage } from "./otherSite.ts";
import { groupHeaders, openTab, type Tab, visitIn } from "./tab.ts";

const PROBE_TIMEOUT_MS = 10_000;

export function cookieNames(header: string | undefined): string[] {
  return (header ?? "")
    .split(";")
    .map((pair) => pair.split("=")[0]!.trim())
    .filter(Boolean);
}

async function inNewTab<T>(context: BrowserContext, use: (tab: Tab) => Promise<T>): Promise<T> {
  const tab = await openTab(context);
  try {
    return await use(tab);
  } finally {
    await tab.page.close();
  }
}

/** Load `url` in a new tab and read `document.cookie` there: the cookies page scripts can see. */
export function scriptVisibleCookies(
  context: BrowserContext,
  url: URL,
  actor: string,
  record: RecordExchange,
): Promise<string[]> {
  return inNewTab(context, async (tab) => {
    await visitIn(tab, url, actor, record);
    return cookieNames(String(await tab.page.evaluate("document.cookie")));
  });
}

/**
 * A page of another site makes each kind of request to `url`; the cookies each carried are read
 * from Chromium's network stack. The jar is put back afterwards: an answer to a probe may set cookies.
 */
export async function crossSiteRequests(
  context: BrowserContext,
  url: URL,
  actor: string,
  record: RecordExchange,
): Promise<CrossSiteProbe[]> {
  const origin = await otherSiteFor(url);
  const saved = await inNewTab(context, (tab) => allCookies(tab.cdp));
  const probes: CrossSiteProbe[] = [];
  try {
    for (const probe of PROBES) {
      // A visit of its own first, so a short-lived cookie the server renews on every visit is
      // fresh for each probe (targets on a real-time clock time out in seconds).
      await inNewTab(context, (tab) => visitIn(tab, url, actor, record));
      const marked = new URL(url);
      marked.searchParams.set("cross-site-probe", probe.kind.replaceAll(" ", "-"));
      const sent = await inNewTab(context, async (tab) => {
        const requested = context.waitForEvent("request", {
          predicate: (r) => r.url() === marked.href,
          timeout: PROBE_TIMEOUT_MS,
        });
        await tab.page.goto(probePage(origin, probe, marked).href, { waitUntil: probe.click ? "load" : "commit" });
        if (probe.click) await tab.page.click("#go");
        const request = await requested;
        const [requestHeaders, response] = await Promise.all([
          request.allHeaders(),
          request.response().catch(() => null),
        ]);
        const responseHeaders = response ? groupHeaders(await response.headersArray()) : undefined;
        // The marked URL names the kind; Origin, Referer and Sec-Fetch-Site show the other site.
        record({
          actor,
          method: request.method(),
          url: request.url(),
          requestHeaders,
          status: response?.status(),
          responseHeaders,
        });
        return cookieNames(requestHeaders.cookie);
      });
      probes.push({ kind: probe.kind, laxAllows: probe.laxAllows, sentCookieNames: sent });
    }
  } finally {
    await context.clearCookies();
    await inNewTab(context, (tab) => putCookies(tab.cdp, saved, url));
  }
  return probes;
}

/**
 * Visit `httpsUrl`, then `httpUrl` on the same host, and report what the plain-HTTP visit carried.
 * Chromium sends Secure cookies to http://127.0.0.1 and http://localhost (it counts them as
 * secure contexts), so loopback hosts are reached as INSECURE_LOOPBACK_NAME, an ordinary host.
 */
export function secureCookieOverPlainHttp(
  context: BrowserContext,
  httpsUrl: URL,
  httpUrl: URL,
  actor: string,
  record: RecordExchange,
): Promise<PlainHttpProbe> {
  const insecure = (url: URL) => {
    const renamed = new URL(url);
    if (["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) renamed.hostname = INSECURE_LOOPBACK_NAME;
    return renamed;
  };
  return inNewTab(context, async (tab) => {
    const [overHttpsUrl, overHttpUrl] = [insecure(httpsUrl), insecure(httpUrl)];
    const overHttps = await visitIn(tab, overHttpsUrl, actor, record);
    const overHttp = await visitIn(tab, overHttpUrl, actor, record);
    return { httpsUrl: overHttpsUrl, httpUrl: overHttpUrl, overHttps, sentOverHttp: cookieNames(overHttp.sentCookie) };
  });
}
