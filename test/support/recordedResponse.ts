import type { ServerResponse } from "node:http";

/** The parts of ServerResponse that the reference's Site.handle uses, recorded, for tests that call it in process. */
export class RecordedResponse {
  statusCode = 200;
  headersSent = false;
  body = "";
  readonly headers = new Map<string, string | string[]>();

  setHeader(name: string, value: string | string[]): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  writeHead(status: number, headers: Record<string, string> = {}): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    return this;
  }

  end(body: string | Uint8Array = ""): this {
    this.body = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
    this.headersSent = true;
    return this;
  }

  destroy(): void {
    this.headersSent = true;
  }

  /** Every Set-Cookie header, as a list. */
  setCookie(): string[] {
    return [this.headers.get("set-cookie") ?? []].flat();
  }

  /** This recorder, typed as what Site.handle takes. */
  get asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}
