// Reads and writes tables and queues with Microsoft's official JavaScript SDKs, for the .NET interop tests.
// Usage: node interop.js <command> <connection string> <table or queue name>
// Commands: write-entities, read-entities, send-messages, receive-messages. Output is one JSON document on stdout.
"use strict";
const { TableClient, odata } = require("@azure/data-tables");
const { QueueClient } = require("@azure/storage-queue");

const [command, connectionString, name] = process.argv.slice(2);
const allowInsecureConnection = { allowInsecureConnection: true };

// The values the JavaScript side writes; the .NET test asserts the same ones.
// 32,768 UTF-16 units (64 KiB, the property limit).
const bigText = "免申即享".repeat(8192);

// Azurite 3.37 turns each received piece of a request body into text on its own, so a multi-byte UTF-8 character
// that straddles two pieces becomes U+FFFD and the string grows past the limit; where the pieces split depends on
// timing (see docs/STORAGE.md). The large entity therefore goes out with every non-ASCII code unit as a JSON \u
// escape: the same JSON document, in bytes Azurite cannot split inside a character. The .NET SDK (System.Text.Json)
// writes its bodies that way by itself.
const asciiJsonBody = {
  name: "asciiJsonBody",
  sendRequest(request, next) {
    if (typeof request.body === "string") {
      request.body = request.body.replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
      request.headers.set("Content-Length", String(Buffer.byteLength(request.body)));
    }
    return next(request);
  },
};
function bytes(length) {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (i * 31 + 7) % 256;
  return data;
}

function typedEntity(partitionKey, rowKey) {
  return {
    partitionKey,
    rowKey,
    Text: "O'Brien \"quoted\" <xml> & 免申即享 🙂",
    Int32: { value: -2147483648, type: "Int32" },
    Int64: { value: "-9223372036854775808", type: "Int64" },
    Double: { value: 0.1, type: "Double" },
    WholeDouble: { value: 3, type: "Double" },
    Flag: true,
    When: { value: "2026-11-23T09:30:00.1234567Z", type: "DateTime" },
    Id: { value: "6f9619ff-8b86-d011-b42d-00c04fc964ff", type: "Guid" },
    Bytes: bytes(256),
  };
}

async function writeEntities() {
  const client = TableClient.fromConnectionString(connectionString, name, allowInsecureConnection);
  await client.createTable();
  await client.createEntity(typedEntity("js", "typed"));
  const largeClient = TableClient.fromConnectionString(connectionString, name, allowInsecureConnection);
  largeClient.pipeline.addPolicy(asciiJsonBody);
  await largeClient.createEntity({ partitionKey: "js", rowKey: "large", BigText: bigText, BigBytes: bytes(65536) });
  const batch = [];
  for (let i = 0; i < 100; i++) batch.push(["create", { partitionKey: "js-batch", rowKey: String(i).padStart(3, "0"), N: { value: i, type: "Int32" } }]);
  await client.submitTransaction(batch);
  return { written: 102 };
}

async function readEntities() {
  const client = TableClient.fromConnectionString(connectionString, name, allowInsecureConnection);
  const result = {};
  for await (const entity of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${"dotnet"}` }, disableTypeConversion: true })) {
    const properties = {};
    for (const [key, value] of Object.entries(entity)) {
      if (["partitionKey", "rowKey", "etag", "timestamp", "odata.etag", "odata.metadata"].includes(key)) continue;
      properties[key] = value;
    }
    result[entity.rowKey.value ?? entity.rowKey] = properties;
  }
  let batchCount = 0;
  for await (const entity of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${"dotnet-batch"}` } })) {
    if (entity.N !== Number(entity.rowKey)) throw new Error(`Row ${entity.rowKey} holds N=${entity.N}`);
    batchCount++;
  }
  return { entities: result, batchCount };
}

async function sendMessages() {
  const client = new QueueClient(connectionString, name);
  await client.createIfNotExists();
  const texts = ["免申即享 payout 🙂", "x".repeat(48 * 1024)];
  for (const text of texts) await client.sendMessage(Buffer.from(text, "utf8").toString("base64"));
  await client.sendMessage(Buffer.from(bytes(48 * 1024)).toString("base64"));
  return { sent: texts.length + 1 };
}

async function receiveMessages() {
  const client = new QueueClient(connectionString, name);
  const received = await client.receiveMessages({ numberOfMessages: 32 });
  return { messages: received.receivedMessageItems.map((m) => ({ messageText: m.messageText, dequeueCount: m.dequeueCount })) };
}

const commands = { "write-entities": writeEntities, "read-entities": readEntities, "send-messages": sendMessages, "receive-messages": receiveMessages };
if (!commands[command]) {
  console.error(`Unknown command '${command}'. Use one of: ${Object.keys(commands).join(", ")}.`);
  process.exit(2);
}
commands[command]()
  .then((output) => process.stdout.write(JSON.stringify(output)))
  .catch((error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  });
