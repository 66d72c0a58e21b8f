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

/** Load `url` in `tab` and read `document.cookie` there: the cookies page scripts can see. */
export async function scriptVisibleCookies(
  tab: Tab,
  url: URL,
  actor: string,
  record: RecordExchange,
): Promise<string[]> {
  await visitIn(tab, url, actor, record);
  return cookieNames(String(await tab.page.evaluate("document.cookie")));
}

/**
 * A page of another site, in a tab of its own, makes each kind of request to `url`; the cookies
 * each carried are read from Chromium's network stack. The jar is put back afterwards: an answer
 * to a probe may set cookies. `tab` is the actor's own, for the visits to `url`.
 */
export async function crossSiteRequests(
  context: BrowserContext,
  tab: Tab,
  url: URL,
  actor: string,
  record: RecordExchange,
): Promise<CrossSiteProbe[]> {
  const origin = await otherSiteFor(url);
  const saved = await allCookies(tab.cdp);
  const probes: CrossSiteProbe[] = [];
  const other = await openTab(context);
  try {
    for (const probe of PROBES) {
      // A visit of its own first, so a short-lived cookie the server renews on every visit is
      // fresh for each probe (targets on a real-time clock time out in seconds).
      await visitIn(tab, url, actor, record);
      const marked = new URL(url);
      marked.searchParams.set("cross-site-probe", probe.kind.replaceAll(" ", "-"));
      const requested = context.waitForEvent("request", {
        predicate: (r) => r.url() === marked.href,
        timeout: PROBE_TIMEOUT_MS,
      });
      requested.catch(() => undefined); // awaited below, unless the probe page fails to load first
      await other.page.goto(probePage(origin, probe, marked).href, { waitUntil: probe.click ? "load" : "commit" });
      if (probe.click) await other.page.click("#go");
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
      probes.push({
        kind: probe.kind,
        laxAllows: probe.laxAllows,
        sentCookieNames: cookieNames(requestHeaders.cookie),
      });
    }
  } finally {
    await other.page.close();
    await context.clearCookies();
    await putCookies(tab.cdp, saved, url);
  }
  return probes;
}

/**
 * Visit `httpsUrl`, then `httpUrl` on the same host, and report what the plain-HTTP visit carried.
 * Chromium sends Secure cookies to http://127.0.0.1 and http://localhost (it counts them as
 * secure contexts), so loopback hosts are reached as INSECURE_LOOPBACK_NAME, an ordinary host.
 */
export async function secureCookieOverPlainHttp(
  tab: Tab,
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
  const [overHttpsUrl, overHttpUrl] = [insecure(httpsUrl), insecure(httpUrl)];
  const overHttps = await visitIn(tab, overHttpsUrl, actor, record);
  const overHttp = await visitIn(tab, overHttpUrl, actor, record);
  return { httpsUrl: overHttpsUrl, httpUrl: overHttpUrl, overHttps, sentOverHttp: cookieNames(overHttp.sentCookie) };
}
