// Sends one Converse or ConverseStream request with the official @aws-sdk/client-bedrock-runtime to an endpoint
// (the tests' loopback fake) and prints what the SDK parsed as JSON on stdout.
// Usage: node sdk-converse.mjs SCENARIO.json
// SCENARIO: { endpoint, region, modelId, stream, credentials: {accessKeyId, secretAccessKey, sessionToken?},
//             input: { system, messages, inferenceConfig, guardrailConfig } }  (input is passed to the command as is)
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { readFileSync } from "node:fs";

const scenario = JSON.parse(readFileSync(process.argv[2], "utf8"));
const client = new BedrockRuntimeClient({
  endpoint: scenario.endpoint,
  region: scenario.region,
  credentials: scenario.credentials,
  maxAttempts: 1,
  // The client defaults to HTTP/2 (for bidirectional streams); the loopback fake speaks HTTP/1.1 without TLS.
  requestHandler: new NodeHttpHandler(),
});
const input = { modelId: scenario.modelId, ...scenario.input };
try {
  if (scenario.stream) {
    const response = await client.send(new ConverseStreamCommand(input));
    const events = [];
    for await (const event of response.stream) events.push(event);
    console.log(JSON.stringify({ ok: true, events }));
  } else {
    const response = await client.send(new ConverseCommand(input));
    const { $metadata, ...rest } = response;
    console.log(JSON.stringify({ ok: true, response: rest }));
  }
} catch (err) {
  console.log(JSON.stringify({ ok: false, name: err?.name, message: err?.message }));
}
