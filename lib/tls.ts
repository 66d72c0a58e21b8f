/** A certificate and its key, PEM-encoded. */
export interface TlsIdentity {
  cert: string;
  key: string;
}

/**
 * Make a throwaway self-signed certificate for 127.0.0.1 and localhost, valid for one day, so
 * no private key is ever committed.
 */
export async function makeTlsIdentity(): Promise<TlsIdentity> {
  // Loaded here, not at start-up: most runs never make a certificate.
  const { generate } = await import("selfsigned");
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
