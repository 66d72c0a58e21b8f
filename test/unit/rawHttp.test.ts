/** The raw HTTP client that ROBUST-1 and ROBUST-3 send exact bytes with: how it reads answers. */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { parseResponse, printable, rawGet } from "../../steps/abilities/wire.ts";

const raw = (text: string) => Buffer.from(text, "latin1");

describe("parseResponse", () => {
  it("should read a body by its Content-Length", () => {
    const response = parseResponse(
      raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nhello, and more"),
    );
    assert.deepEqual(response, {
      status: 200,
      headers: { "content-length": ["5"], "set-cookie": ["a=1", "b=2"] },
      body: "hello",
    });
  });

  it("should join a chunked body (RFC 9112 7.1)", () => {
    const response = parseResponse(
      raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"),
    );
    assert.equal(response?.body, "hello, world");
  });

  it("should read to the end when neither length nor chunking is given", () => {
    assert.equal(parseResponse(raw("HTTP/1.0 431 Request Header Fields Too Large\r\n\r\ntoo big"))?.body, "too big");
  });

  it("should give nothing for an answer cut off before its head ends", () => {
    assert.equal(parseResponse(raw("HTTP/1.1 200 OK\r\nContent-Le")), undefined);
    assert.equal(parseResponse(raw("")), undefined);
  });
});

describe("printable", () => {
  it("should escape control and non-ASCII bytes and cut long input", () => {
    assert.equal(printable(Buffer.from([0x61, 0x00, 0x7f, 0xe9, 0x3d])), "a\\x00\\x7f\\xe9=");
    assert.equal(printable(raw("x".repeat(10)), 4), "xxxx… (10 bytes)");
  });
});

describe("rawGet", () => {
  it("should send the Cookie header byte for byte and read the answer", async () => {
    const server = createServer({ insecureHTTPParser: true }, (req, res) =>
      res.end(Buffer.from(req.headers.cookie ?? "", "latin1").toString("hex")),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const answer = await rawGet(url, Buffer.from([0x61, 0x3d, 0xff, 0x09, 0x62]));
      assert.ok(!("error" in answer));
      assert.equal(answer.body, "613dff0962");
    } finally {
      server.close();
    }
  });

  it("should say why there was no answer", async () => {
    const server = createServer();
    server.on("connection", (socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const answer = await rawGet(
        new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
        Buffer.from("a=b"),
      );
      assert.ok("error" in answer, JSON.stringify(answer));
    } finally {
      server.close();
    }
  });
});
