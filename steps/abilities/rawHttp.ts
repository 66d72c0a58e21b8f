import type { Page, RecordExchange } from "./browse.ts";
import { printable, type RawOutcome, type RawResponse, rawBurst, rawRequest } from "./wire.ts";

/**
 * The ability to speak raw HTTP: bytes no browser would send, HEAD read off the socket, and
 * bursts of requests delivered at the same instant. Every exchange goes into the transcript.
 */
export class RawHttp {
  constructor(
    private readonly actor: string,
    private readonly record: RecordExchange,
    private readonly ca: string | undefined,
  ) {}

  /** Send one request with exactly `cookie` (or none) and record it; an unanswered one is recorded with its error. */
  async send(url: URL, cookie: Buffer | undefined, method = "GET"): Promise<RawOutcome> {
    const outcome = await rawRequest(url, cookie, { method, ca: this.ca });
    this.note(url, method, cookie === undefined ? undefined : printable(cookie), outcome);
    return outcome;
  }

  /** Send `count` GETs with `cookie` at the same instant (last-byte sync), each on its own connection. */
  async burst(url: URL, cookie: string, count: number): Promise<RawOutcome[]> {
    const outcomes = await rawBurst(url, cookie, count, this.ca);
    for (const outcome of outcomes) this.note(url, "GET", cookie || undefined, outcome);
    return outcomes;
  }

  private note(url: URL, method: string, cookie: string | undefined, outcome: RawOutcome): void {
    const requestHeaders: Record<string, string> = cookie === undefined ? {} : { cookie };
    const exchange = { actor: this.actor, method, url: url.href, requestHeaders };
    if ("error" in outcome) this.record({ ...exchange, error: outcome.error });
    else this.record({ ...exchange, status: outcome.status, responseHeaders: outcome.headers, body: outcome.body });
  }
}

/** A raw answer as a Page, so questions read it as they read a browser's. */
export function asPage(response: RawResponse, sentCookie: string | undefined): Page {
  return {
    status: response.status,
    headers: response.headers,
    setCookies: response.headers["set-cookie"] ?? [],
    body: response.body,
    sentCookie,
  };
}
