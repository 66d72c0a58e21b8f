/**
 * The Twisted Web "Session Endings" example: a page that asks to be told when the visitor's
 * session ends; the Site then reports `Session <uid> has expired.` once, however it ended.
 *
 * Twisted's example registers a closure (`session.notifyOnExpire(lambda: ...)`) and keeps a
 * set of the sessions it registered. Neither leaves the process, so on a cluster the node
 * that sees the end might hold neither. Here the page asks by name, the name is stored with
 * the session, and every node registers the same listener at start (see exampleSite.ts).
 */

import type { Request } from "../request.ts";
import { Resource } from "../resource.ts";

/** The name the ending listener is registered under on every node's Site. */
export const ENDING_LOGGER = "ExpirationLogger";

export class ExpirationLogger extends Resource {
  render_GET(request: Request): string {
    // Asking twice counts once, so no set of sessions already asked for is needed.
    request.getSession().notifyOnExpireBy(ENDING_LOGGER);
    return "Your session's ending will be logged.";
  }
}
