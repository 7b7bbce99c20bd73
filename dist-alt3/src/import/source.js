"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CsvFile = void 0;
exports.newSourceBatch = newSourceBatch;
exports.countSkip = countSkip;
exports.readHeader = readHeader;
const node_fs_1 = __importDefault(require("node:fs"));
const node_stream_1 = require("node:stream");
const node_zlib_1 = __importDefault(require("node:zlib"));
const csv_parser_1 = require("./csv-parser");
function newSourceBatch() {
    return {
        records: { customers: [], products: [], orders: [], reviews: [], items: [] },
        rowsRead: 0,
        rowsAccepted: 0,
        skipped: {},
        errors: [],
        readTotals: { quantity: 0, amountE4: 0 },
        acceptedTotals: { quantity: 0, amountE4: 0 },
        progress: { bytesRead: 0, bytesTotal: 0 },
    };
}
function countSkip(batch, reason) {
    batch.skipped[reason] = (batch.skipped[reason] ?? 0) + 1;
}
const CHUNK_BYTES = 64 * 1024;
/** An open CSV file: rows in batches, its header, and how far through the bytes we are. */
class CsvFile {
    path;
    bytesRead = 0;
    bytesTotal;
    constructor(path) {
        this.path = path;
        this.bytesTotal = node_fs_1.default.statSync(path).size;
    }
    /**
     * Streams the file's rows (gunzipping `.gz` files or gzip content), counting compressed bytes for progress. Broken
     * gzip data ends the file with an error row at the line it interrupted; any other read error names the file.
     */
    async *rows() {
        // 64 KiB chunks: each chunk's rows die young (larger chunks pushed them into the old generation, and the GC cost
        // of a full import rose by a fifth).
        const raw = node_fs_1.default.createReadStream(this.path, { highWaterMark: CHUNK_BYTES });
        const counter = new node_stream_1.Transform({
            transform: (chunk, _enc, done) => {
                this.bytesRead += chunk.length;
                done(null, chunk);
            },
        });
        let stream = raw.pipe(counter);
        if (this.path.endsWith('.gz') || isGzip(this.path))
            stream = stream.pipe(node_zlib_1.default.createGunzip({ chunkSize: CHUNK_BYTES }));
        raw.on('error', (err) => stream.destroy(err));
        try {
            yield* (0, csv_parser_1.readCsvRows)(stream, { streamError: gzipErrorReason });
        }
        catch (err) {
            throw new Error(`${this.path}: ${err.message}`, { cause: err });
        }
    }
}
exports.CsvFile = CsvFile;
/** zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR "unexpected end of file", ...) as the reason of a last error row. */
function gzipErrorReason(err) {
    const code = err.code;
    if (typeof code !== 'string' || !code.startsWith('Z_'))
        return null;
    return `the gzip data is damaged or cut short (${err.message}): the file could not be read from this line on`;
}
function isGzip(path) {
    const fd = node_fs_1.default.openSync(path, 'r');
    try {
        const head = Buffer.alloc(2);
        return node_fs_1.default.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
    }
    finally {
        node_fs_1.default.closeSync(fd);
    }
}
/** Maps header names to column indexes, checking required and unknown columns. Throws with line 1's problem. */
function readHeader(fields, required, optional = []) {
    const known = new Set([...required, ...optional]);
    const index = new Map();
    fields.forEach((name, i) => {
        const key = name.trim().toLowerCase();
        if (!known.has(key))
            throw new Error(`unknown column "${name}" (known: ${[...known].join(', ')})`);
        if (index.has(key))
            throw new Error(`column "${name}" appears twice`);
        index.set(key, i);
    });
    const missing = required.filter((name) => !index.has(name));
    if (missing.length > 0)
        throw new Error(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return index;
}
//# sourceMappingURL=source.js.map