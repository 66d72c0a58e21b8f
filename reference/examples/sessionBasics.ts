/**
 * The Twisted Web "Session Basics" example, nearly line for line: a page that shows the
 * visitor's session uid, and a child `expire` that ends the session early.
 */
import { EXPIRED_TEXT, SHOW_PREFIX } from "../../lib/pages.ts";
import type { Request } from "../request.ts";
import { Resource } from "../resource.ts";

export class ShowSession extends Resource {
  render_GET(request: Request): string {
    return SHOW_PREFIX + request.getSession().uid;
  }
}

export class ExpireSession extends Resource {
  render_GET(request: Request): string {
    request.getSession().expire();
    return EXPIRED_TEXT;
  }
}

/** The example's `resource`: ShowSession at the top, ExpireSession below it at `expire`. */
export function sessionBasics(): Resource {
  const resource = new ShowSession();
  resource.putChild("expire", new ExpireSession());
  return resource;
}
