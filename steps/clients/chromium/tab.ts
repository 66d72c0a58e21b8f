import type { BrowserContext, CDPSession, Page as PlaywrightPage } from "playwright-core";
import type { Page, RecordExchange } from "../../abilities/browse.ts";

/** One tab of an actor's browser, with the DevTools session that steers its requests. */
export interface Tab {
  page: PlaywrightPage;
  cdp: CDPSession;
  /** The raw header lines of 3xx answers, by URL: the tab stops at them, and DevTools hides their Set-Cookie. */
  redirects: Map<string, Promise<HeaderLine[]>>;
}

type HeaderLine = { name: string; value: string };

const VISIT_TIMEOUT_MS = 15_000;

/**
 * Open a tab that never follows a redirect and never asks for /favicon.ico. Chromium fetches
 * the icon after each page, with the session cookie; a server that makes a session for any
 * path (Twisted) would then see visits the scenario never made.
 */
export async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const tab: Tab = { page, cdp, redirects: new Map() };
  // Raw answers as the network stack received them (Set-Cookie included), by request id; they
  // usually arrive before the paused answer, so the last few are kept.
  const seen = new Map<string, HeaderLine[]>();
  const waiting = new Map<string, (lines: HeaderLine[]) => void>();
  cdp.on("Network.responseReceivedExtraInfo", (event) => {
    const lines = headerLines(event.headers);
    const waiter = waiting.get(event.requestId);
    if (waiter) return void (waiting.delete(event.requestId), waiter(lines));
    seen.set(event.requestId, lines);
    if (seen.size > 32) seen.delete(seen.keys().next().value!);
  });
  cdp.on("Fetch.requestPaused", (event) => {
    const status = event.responseStatusCode;
    let answer: Promise<unknown>;
    if (status === undefined)
      answer = cdp.send("Fetch.failRequest", { requestId: event.requestId, errorReason: "BlockedByClient" });
    else if (status >= 300 && status < 400) {
      // The network stack has stored the answer's cookies already; only the Location is dropped.
      const networkId = event.networkId ?? event.requestId;
      const early = seen.get(networkId);
      tab.redirects.set(
        event.request.url,
        early ? Promise.resolve(early) : new Promise((resolve) => waiting.set(networkId, resolve)),
      );
      const headers = (event.responseHeaders ?? []).filter((header) => header.name.toLowerCase() !== "location");
      answer = cdp.send("Fetch.fulfillRequest", {
        requestId: event.requestId,
        responseCode: status,
        responseHeaders: headers,
        body: "",
      });
    } else answer = cdp.send("Fetch.continueResponse", { requestId: event.requestId });
    answer.catch(() => undefined); // the tab may have closed meanwhile
  });
  await cdp.send("Network.enable", {});
  await cdp.send("Fetch.enable", {
    patterns: [
      { urlPattern: "*", resourceType: "Document", requestStage: "Response" },
      { urlPattern: "*/favicon.ico", requestStage: "Request" },
    ],
  });
  return tab;
}

/** Load `url` in `tab` as a top-level navigation, record the exchange, and read what came back. */
export async function visitIn(tab: Tab, url: URL, actor: string, record: RecordExchange): Promise<Page> {
  try {
    // "commit": the answer has arrived; nothing on the page is worth waiting for.
    const response = await tab.page.goto(url.href, { waitUntil: "commit", timeout: VISIT_TIMEOUT_MS });
    if (!response) throw new Error(`chromium: no response to ${url.href}`);
    const [requestHeaders, lines, body] = await Promise.all([
      response.request().allHeaders(),
      response.headersArray(),
      response.text().catch(() => ""),
    ]);
    const raw = response.status() >= 300 && response.status() < 400 ? await rawRedirect(tab, url, lines) : lines;
    const headers = groupHeaders(raw);
    const setCookies = raw.filter((line) => line.name.toLowerCase() === "set-cookie").map((line) => line.value);
    record({
      actor,
      method: "GET",
      url: url.href,
      requestHeaders,
      status: response.status(),
      responseHeaders: headers,
      body,
    });
    return { status: response.status(), headers, setCookies, body, sentCookie: requestHeaders.cookie };
  } catch (error) {
    record({ actor, method: "GET", url: url.href, requestHeaders: {}, error: String(error) });
    throw error;
  }
}

async function rawRedirect(tab: Tab, url: URL, fallback: HeaderLine[]): Promise<HeaderLine[]> {
  const pending = tab.redirects.get(url.href);
  tab.redirects.delete(url.href);
  if (!pending) return fallback;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<HeaderLine[]>((resolve) => (timer = setTimeout(() => resolve(fallback), VISIT_TIMEOUT_MS)));
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}

/** DevTools joins a repeated field's values with newlines; one line per value again. */
function headerLines(headers: Record<string, unknown>): HeaderLine[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    String(value)
      .split("\n")
      .map((line) => ({ name, value: line })),
  );
}

/** Header lines by lowercased name; a repeated field becomes a list. */
export function groupHeaders(lines: readonly { name: string; value: string }[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const { name, value } of lines) {
    const key = name.toLowerCase();
    const had = headers[key];
    headers[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return headers;
}
