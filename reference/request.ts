import type { IncomingMessage } from "node:http";
import { parseCookie, type SetCookie, stringifySetCookie } from "cookie";
import type { Session } from "./session.ts";
import type { Site } from "./site.ts";

/**
 * One HTTP exchange, after `twisted.web.server.Request`: what was asked, what will be
 * answered, and `getSession()`, which finds or makes the visitor's session.
 */
export class Request {
  readonly method: string;
  /** The path, undecoded, without the query. */
  readonly path: string;
  /** The query parameters. */
  readonly args: URLSearchParams;
  /** Path segments consumed so far while finding the resource. */
  readonly prepath: string[] = [];
  /** Path segments still to consume. */
  postpath: string[];
  /** Status code to answer with. */
  code = 200;
  /** Headers to answer with. */
  readonly responseHeaders = new Map<string, string>();
  /** Set-Cookie headers to answer with. */
  readonly cookies: string[] = [];
  /** The live session named by the request's cookie, loaded by the Site before rendering. */
  knownSession: Session | undefined;
  private session: Session | undefined;
  private receivedCookies: Record<string, string | undefined> | undefined;

  /**
   * @param site - the Site answering the request
   * @param message - Node's view of the request
   * @param secure - whether it came over TLS
   * @throws URIError when a path segment is not valid percent-encoding
   */
  constructor(
    readonly site: Site,
    readonly message: IncomingMessage,
    private readonly secure: boolean,
  ) {
    this.method = message.method ?? "GET";
    const url = message.url ?? "/";
    const q = url.indexOf("?");
    this.path = q === -1 ? url : url.slice(0, q);
    this.args = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
    // "/" names the root itself; "/a/b" walks to a, then b.
    this.postpath = this.path === "/" ? [] : this.path.split("/").slice(1).map(decodeURIComponent);
  }

  /** Whether the request came over TLS. */
  isSecure(): boolean {
    return this.secure;
  }

  /** A request header, as Node joined it. */
  getHeader(name: string): string | undefined {
    const value = this.message.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /**
   * The value of the cookie `name`, or `undefined`. Of duplicates the first wins
   * (RFC 6265 5.4: longer paths first, then older cookies).
   */
  getCookie(name: string): string | undefined {
    this.receivedCookies ??= parseCookie(this.message.headers.cookie ?? "");
    return this.receivedCookies[name];
  }

  /** Answer with a Set-Cookie header. */
  addCookie(cookie: SetCookie): void {
    this.cookies.push(stringifySetCookie(cookie));
  }

  setResponseCode(code: number): void {
    this.code = code;
  }

  setHeader(name: string, value: string): void {
    this.responseHeaders.set(name, value);
  }

  /**
   * The visitor's session: the live one its cookie names, touched so its timeout slides,
   * or else a new one, announced with a Set-Cookie header. One session per request.
   */
  getSession(): Session {
    if (this.session && !this.session.isExpired) return this.session;
    const known = this.knownSession;
    if (known && !known.isExpired) {
      this.session = known;
      this.site.touchSession(known);
    } else {
      this.session = this.site.makeSession();
      this.addCookie({
        name: this.site.cookieNameFor(this.secure),
        value: this.session.uid,
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: this.secure,
      });
    }
    // A page naming a session must not be stored by shared caches (ASVS 5.0 14.3.2).
    this.setHeader("Cache-Control", "no-store");
    return this.session;
  }
}
