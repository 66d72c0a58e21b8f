import { Agent, request, type Dispatcher } from "undici";
import { Cookie, CookieJar } from "tough-cookie";
import type { Transcript } from "./transcript.ts";

/** What one visit got back. */
export interface Page {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The raw Set-Cookie headers, so a jar cannot hide what the server sent. */
  setCookies: string[];
  body: string;
}

export interface VisitOptions {
  method?: Dispatcher.HttpMethod;
  /** Sent instead of the jar's cookies: a raw Cookie header, for malformed input. */
  cookieHeader?: string;
}

/**
 * A browser for one person of a scenario: its own connection pool and cookie jar. Redirects
 * are not followed (undici's default), so every response is seen as the server sent it.
 */
export class Actor {
  readonly jar = new CookieJar();
  private readonly dispatcher: Agent;

  constructor(
    readonly name: string,
    private readonly transcript: Transcript,
    tlsCa: string | undefined,
  ) {
    this.dispatcher = new Agent({ connect: tlsCa ? { ca: tlsCa } : undefined, connectTimeout: 5_000 });
  }

  /** Request `url` with the jar's cookies, store what the response sets, record the exchange. */
  async visit(url: URL, options: VisitOptions = {}): Promise<Page> {
    const method = options.method ?? "GET";
    const cookie = options.cookieHeader ?? (await this.jar.getCookieString(url.href));
    const requestHeaders: Record<string, string> = cookie ? { cookie } : {};
    try {
      const response = await request(url, { method, headers: requestHeaders, dispatcher: this.dispatcher, headersTimeout: 15_000, bodyTimeout: 15_000 });
      const body = await response.body.text();
      const setCookies = toList(response.headers["set-cookie"]);
      for (const header of setCookies) await this.jar.setCookie(header, url.href, { ignoreError: true });
      this.transcript.record({ actor: this.name, method, url: url.href, requestHeaders, status: response.statusCode, responseHeaders: definedHeaders(response.headers), body });
      return { status: response.statusCode, headers: response.headers, setCookies, body };
    } catch (error) {
      this.transcript.record({ actor: this.name, method, url: url.href, requestHeaders, error: String(error) });
      throw error;
    }
  }

  /** The cookies the jar would send to `url`. */
  cookiesFor(url: URL): Promise<Cookie[]> {
    return this.jar.getCookies(url.href);
  }

  /** Put cookies in the jar, as a browser restoring them would. */
  async restoreCookies(cookies: Cookie[], url: URL): Promise<void> {
    for (const cookie of cookies) await this.jar.setCookie(cookie.clone()!, url.href);
  }

  /** Forget every cookie, as "clear browsing data" does. */
  flushCookies(): Promise<void> {
    return this.jar.removeAllCookies();
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function definedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
}
