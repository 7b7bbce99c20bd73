"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_stream_1 = require("node:stream");
const sync_1 = require("csv-parse/sync");
const csv_parser_1 = require("../../src/import/csv-parser");
const random_1 = require("../../src/ml/random");
function parseChunks(chunks) {
    const parser = new csv_parser_1.CsvParser();
    const out = [];
    for (const chunk of chunks)
        parser.push(chunk, out);
    parser.end(out);
    return out;
}
describe('CsvParser', () => {
    it('reads quoted fields with commas, doubled quotes and line breaks, and keeps line numbers', () => {
        const text = 'a,b,c\n1,"x, y",3\n2,"say ""hi""",4\n3,"two\nlines",5\n4,,\n';
        expect(parseChunks([text])).toEqual([
            { line: 1, fields: ['a', 'b', 'c'] },
            { line: 2, fields: ['1', 'x, y', '3'] },
            { line: 3, fields: ['2', 'say "hi"', '4'] },
            { line: 4, fields: ['3', 'two\nlines', '5'] },
            { line: 6, fields: ['4', '', ''] },
        ]);
    });
    it('gives the same rows whatever the chunk boundaries, CRLF included', () => {
        const text = 'id,desc\r\n1,"a,\r\nb"\r\n2,"""q"""\r\n\r\n3,last';
        const whole = parseChunks([text]);
        expect(whole.map((r) => r.fields)).toEqual([['id', 'desc'], ['1', 'a,\r\nb'], ['2', '"q"'], ['3', 'last']]);
        expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 6]);
        for (let i = 0; i <= text.length; i++) {
            for (let j = i; j <= text.length; j += 3) {
                expect(parseChunks([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(whole);
            }
        }
    });
    it('reports a stray quote and an unclosed quote with their line, and goes on after a broken record', () => {
        const stray = 'a quote inside an unquoted field (quote the whole field and double the quote)';
        const text = 'a,b\n1,x"y,"z\n2,ok\r\n3,"x"y\n4,"two\nlines"!,5\n5,end\n';
        const expected = [
            { line: 1, fields: ['a', 'b'] },
            { line: 2, fields: [], error: stray },
            { line: 3, fields: ['2', 'ok'] },
            { line: 4, fields: [], error: 'unexpected character "y" after a closing quote' },
            { line: 5, fields: [], error: 'unexpected character "!" after a closing quote (on line 6)' },
            { line: 7, fields: ['5', 'end'] },
        ];
        expect(parseChunks([text])).toEqual(expected);
        for (let i = 0; i <= text.length; i++)
            expect(parseChunks([text.slice(0, i), text.slice(i)])).toEqual(expected);
        // An open quote swallows the rest of the file: the last record says so.
        expect(parseChunks(['a\n"open\n\nb\n'])).toEqual([
            { line: 1, fields: ['a'] },
            { line: 2, fields: [], error: 'a quoted field opened here is never closed: it runs to the end of the file, so the rest of the file could not be read' },
        ]);
    });
    it('refuses a record holding a NUL character, naming the field, in any chunk', () => {
        const text = 'a,b\n1,x\u0000y\n2,ok\n"3\u0000",z\n';
        const expected = [
            { line: 1, fields: ['a', 'b'] },
            { line: 2, fields: [], error: 'field 2 holds a NUL character (\\u0000), which is not text' },
            { line: 3, fields: ['2', 'ok'] },
            { line: 4, fields: [], error: 'field 1 holds a NUL character (\\u0000), which is not text' },
        ];
        for (let i = 0; i <= text.length; i++)
            expect(parseChunks([text.slice(0, i), text.slice(i)])).toEqual(expected);
    });
    it('ends the rows with an error row at the line a broken stream interrupted, when asked to', async () => {
        const broken = () => new node_stream_1.Readable({
            read() {
                this.push('a,b\n1,2\n3,');
                this.destroy(Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR' }));
            },
        });
        const rows = [];
        for await (const batch of (0, csv_parser_1.readCsvRows)(broken(), { streamError: (err) => `broken: ${err.message}` }))
            rows.push(...batch);
        expect(rows).toEqual([
            { line: 1, fields: ['a', 'b'] },
            { line: 2, fields: ['1', '2'] },
            { line: 3, fields: [], error: 'broken: unexpected end of file' },
        ]);
        await expect((async () => {
            for await (const batch of (0, csv_parser_1.readCsvRows)(broken()))
                void batch;
        })()).rejects.toThrow('unexpected end of file');
    });
    it('agrees with csv-parse on random documents', () => {
        const rng = new random_1.Random(7);
        const alphabet = ['a', 'b', ' ', ',', '"', '\n', '\r\n', '£', 'é', '1'];
        for (let doc = 0; doc < 300; doc++) {
            const rows = [];
            const cols = rng.int(1, 5);
            for (let r = 0; r < rng.int(1, 8); r++) {
                const row = [];
                for (let c = 0; c < cols; c++) {
                    let field = '';
                    for (let k = 0; k < rng.int(0, 6); k++)
                        field += rng.pick(alphabet);
                    row.push(field);
                }
                rows.push(row);
            }
            const text = rows.map((row) => row.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join(rng.chance(0.5) ? '\n' : '\r\n');
            const expected = (0, sync_1.parse)(text, { relax_column_count: true });
            const cut = rng.int(0, text.length);
            expect(parseChunks([text.slice(0, cut), text.slice(cut)]).map((r) => r.fields)).toEqual(expected);
        }
    });
    it('streams bytes, splitting multi-byte characters across chunks, and drops a byte order mark', async () => {
        const bytes = Buffer.from('\ufeffname,price\n"Mug, £",2.50\n', 'utf8');
        const chunks = [...bytes].map((b) => Buffer.from([b]));
        const rows = [];
        for await (const batch of (0, csv_parser_1.readCsvRows)(node_stream_1.Readable.from(chunks)))
            rows.push(...batch);
        expect(rows).toEqual([
            { line: 1, fields: ['name', 'price'] },
            { line: 2, fields: ['Mug, £', '2.50'] },
        ]);
    });
});
//# sourceMappingURL=csv-parser.spec.js.map