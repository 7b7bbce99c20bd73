"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const backend_1 = require("./backend");
/**
 * Run as a child process by `probeBackends()`: tries every TensorFlow.js backend here and prints the result as one
 * JSON line, so that the process asking never loads a native binding itself.
 */
(0, backend_1.probeHere)()
    .then((result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
})
    .catch((err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
});
//# sourceMappingURL=backend-probe.js.map