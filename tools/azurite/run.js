// Runs Azurite as a child with the arguments given, and stops it when standard input closes: the test process that
// started this script holds the other end, so Azurite never outlives it, even when that process is killed.
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const azurite = spawn(process.execPath, [path.join(__dirname, "node_modules/azurite/dist/src/azurite.js"), ...process.argv.slice(2)], {
  stdio: ["ignore", "inherit", "inherit"],
});
const stop = () => {
  azurite.kill("SIGKILL");
  process.exit(0);
};
azurite.on("exit", (code) => process.exit(code ?? 1));
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.on("SIGTERM", stop);
process.stdin.resume();
