/**
 * The Twisted Web "Session Basics" example, nearly line for line: a page that shows the
 * visitor's session uid, and a child `expire` that ends the session early.
 */
import { Resource } from "../resource.ts";
import type { Request } from "../request.ts";

export class ShowSession extends Resource {
  render_GET(request: Request): string {
    return "Your session id is: " + request.getSession().uid;
  }
}

export class ExpireSession extends Resource {
  render_GET(request: Request): string {
    request.getSession().expire();
    return "Your session has been expired.";
  }
}

/** The example's `resource`: ShowSession at the top, ExpireSession below it at `expire`. */
export function sessionBasics(): Resource {
  const resource = new ShowSession();
  resource.putChild("expire", new ExpireSession());
  return resource;
}
