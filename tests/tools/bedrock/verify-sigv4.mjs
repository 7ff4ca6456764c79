// Verifies SigV4 signatures with the official @smithy/signature-v4 signer.
// Reads one JSON request per stdin line: { method, path, query, headers, bodyBase64, region, service, credentials }
// and writes one JSON line per request: { ok, expected, actual, reason }.
// The request is re-signed with only the headers the received Authorization header lists, at its x-amz-date.
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createInterface } from "node:readline";

function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

async function verify(input) {
  const headers = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const actual = headers["authorization"] ?? "";
  const signedList = /SignedHeaders=([^,\s]+)/.exec(actual)?.[1]?.split(";") ?? [];
  const date = parseAmzDate(headers["x-amz-date"]);
  if (!date) return { ok: false, actual, reason: "no valid x-amz-date header" };
  if (input.credentials.sessionToken && headers["x-amz-security-token"] !== input.credentials.sessionToken)
    return { ok: false, actual, reason: "x-amz-security-token missing or different" };
  if (input.credentials.sessionToken && !signedList.includes("x-amz-security-token"))
    return { ok: false, actual, reason: "x-amz-security-token is not signed" };
  const toSign = {};
  for (const name of signedList) {
    if (name === "x-amz-date" || name === "x-amz-security-token") continue; // the signer sets these itself
    if (!(name in headers)) return { ok: false, actual, reason: `signed header ${name} is missing` };
    toSign[name] = headers[name];
  }
  const [hostname, port] = (headers["host"] ?? "").split(":");
  const request = new HttpRequest({
    method: input.method,
    protocol: "http:",
    hostname,
    port: port ? Number(port) : undefined,
    path: input.path,
    query: input.query ?? {},
    headers: toSign,
    body: Buffer.from(input.bodyBase64 ?? "", "base64"),
  });
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: input.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(request, { signingDate: date });
  const expected = signed.headers["authorization"];
  return { ok: expected === actual, expected, actual, reason: expected === actual ? "" : "signature differs" };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let result;
  try {
    result = await verify(JSON.parse(line));
  } catch (err) {
    result = { ok: false, reason: `verifier error: ${err?.message ?? err}` };
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
