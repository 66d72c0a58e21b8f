import type { IResource } from "./interfaces.ts";
import type { Request } from "./request.ts";

/** What a render method gives back: the body, now or later. */
export type RenderResult = string | Uint8Array | Promise<string | Uint8Array>;
type RenderMethod = (request: Request) => RenderResult;

/** Methods the Site answers with 405 when a resource has no `render_<METHOD>` for them. */
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

/**
 * A node in the URL tree, after `twisted.web.resource.Resource`: children are found by
 * path segment (`putChild`, `getChild`), and `render` calls `render_<METHOD>`.
 */
export class Resource implements IResource {
  /** A leaf takes the rest of the path itself instead of looking up children. */
  isLeaf = false;
  private readonly children = new Map<string, Resource>();

  /** Make `child` answer at the path segment `path` below this resource. */
  putChild(path: string, child: Resource): void {
    this.children.set(path, child);
  }

  /** The child for a segment that `putChild` did not register; 404 unless overridden. */
  getChild(_path: string, _request: Request): Resource {
    return new NoResource();
  }

  /** The registered child for `path`, else whatever `getChild` answers. */
  getChildWithDefault(path: string, request: Request): Resource {
    return this.children.get(path) ?? this.getChild(path, request);
  }

  /**
   * Answer the request with `render_<METHOD>`; HEAD falls back to GET (Node drops the body),
   * and a method with no render method gets 405 with an Allow header.
   */
  render(request: Request): RenderResult {
    const method =
      this.renderMethod(request.method) ?? (request.method === "HEAD" ? this.renderMethod("GET") : undefined);
    if (method) return method.call(this, request);
    const allowed = HTTP_METHODS.filter((m) => this.renderMethod(m) || (m === "HEAD" && this.renderMethod("GET")));
    request.setResponseCode(405);
    request.setHeader("Allow", allowed.join(", "));
    return "Method Not Allowed";
  }

  private renderMethod(method: string): RenderMethod | undefined {
    const candidate = (this as unknown as Record<string, unknown>)[`render_${method}`];
    return typeof candidate === "function" ? (candidate as RenderMethod) : undefined;
  }
}

/** Answers every request with a fixed status and message, like Twisted's `ErrorPage`. */
export class ErrorPage extends Resource {
  override isLeaf = true;

  constructor(
    private readonly code: number,
    private readonly message: string,
  ) {
    super();
  }

  override render(request: Request): string {
    request.setResponseCode(this.code);
    return this.message;
  }
}

/** The 404 page. */
export class NoResource extends ErrorPage {
  constructor() {
    super(404, "No Such Resource");
  }
}
