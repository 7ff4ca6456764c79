// Encodes event-stream frames with the official @smithy/eventstream-codec.
// Usage: node encode-frames.mjs SPEC.json OUT.bin
// SPEC: [{ "messageType": "event"|"exception", "type": "contentBlockDelta", "payload": { ... } }, ...]
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { toUtf8, fromUtf8 } from "@smithy/util-utf8";
import { readFileSync, writeFileSync } from "node:fs";

const [specPath, outPath] = process.argv.slice(2);
if (!specPath || !outPath) {
  console.error("usage: node encode-frames.mjs SPEC.json OUT.bin");
  process.exit(2);
}
const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value) => ({ type: "string", value });
const frames = JSON.parse(readFileSync(specPath, "utf8")).map((f) => {
  const typeHeader = f.messageType === "exception" ? ":exception-type" : ":event-type";
  return Buffer.from(codec.encode({
    headers: {
      [typeHeader]: str(f.type),
      ":content-type": str("application/json"),
      ":message-type": str(f.messageType ?? "event"),
    },
    body: fromUtf8(JSON.stringify(f.payload)),
  }));
});
writeFileSync(outPath, Buffer.concat(frames));
console.log(`encoded ${frames.length} frames`);
