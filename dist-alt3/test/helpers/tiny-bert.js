"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TINY_BERT_SPECIAL = void 0;
exports.buildTinyBert = buildTinyBert;
exports.expectedVector = expectedVector;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
/**
 * Builds a tiny BERT-format model folder that transformers.js loads like any Hugging Face export: tokenizer.json
 * (WordPiece), tokenizer_config.json, config.json and onnx/model.onnx. The ONNX graph is one Gather of a word
 * embedding table (`last_hidden_state = E[input_ids]`), written with a minimal protobuf encoder, so a test knows the
 * exact vector the feature-extraction pipeline must return: the L2-normalised mean of the rows of E over the tokens
 * (including [CLS] and [SEP]).
 */
exports.TINY_BERT_SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
function buildTinyBert(modelsDir, modelId, words, hidden = 8, seed = 1) {
    const vocab = [...exports.TINY_BERT_SPECIAL, ...words];
    let state = seed >>> 0;
    const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
    const embeddings = Float32Array.from({ length: vocab.length * hidden }, rand);
    const dir = node_path_1.default.join(modelsDir, 'pretrained', modelId);
    node_fs_1.default.mkdirSync(node_path_1.default.join(dir, 'onnx'), { recursive: true });
    const ids = Object.fromEntries(vocab.map((w, i) => [w, i]));
    const special = (id) => ({ id: ids[id], content: id, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
    node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'tokenizer.json'), JSON.stringify({
        version: '1.0',
        truncation: null,
        padding: null,
        added_tokens: exports.TINY_BERT_SPECIAL.map(special),
        normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
        pre_tokenizer: { type: 'BertPreTokenizer' },
        post_processor: {
            type: 'TemplateProcessing',
            single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
            pair: [
                { SpecialToken: { id: '[CLS]', type_id: 0 } },
                { Sequence: { id: 'A', type_id: 0 } },
                { SpecialToken: { id: '[SEP]', type_id: 0 } },
                { Sequence: { id: 'B', type_id: 1 } },
                { SpecialToken: { id: '[SEP]', type_id: 1 } },
            ],
            special_tokens: {
                '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] },
                '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] },
            },
        },
        decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
        model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
    }));
    node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }));
    node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: hidden, vocab_size: vocab.length, num_hidden_layers: 0, num_attention_heads: 1, max_position_embeddings: 128 }));
    node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'onnx', 'model.onnx'), gatherModel(embeddings, vocab.length, hidden));
    return { dir, vocab, hidden, embeddings };
}
/** The vector the pipeline must give for `text`: normalised mean of E over [CLS], the words' ids and [SEP]. */
function expectedVector(model, text) {
    const index = new Map(model.vocab.map((w, i) => [w, i]));
    const words = text.toLowerCase().match(/[a-z0-9]+|[^\sa-z0-9]/g) ?? [];
    const ids = [index.get('[CLS]'), ...words.map((w) => index.get(w) ?? index.get('[UNK]')), index.get('[SEP]')];
    const out = new Float32Array(model.hidden);
    for (const id of ids)
        for (let j = 0; j < model.hidden; j++)
            out[j] += model.embeddings[id * model.hidden + j] / ids.length;
    const norm = Math.hypot(...out);
    return out.map((v) => v / norm);
}
// --- a minimal protobuf writer, enough for an ONNX ModelProto ---
function varint(value) {
    let v = BigInt(value);
    const out = [];
    do {
        let byte = Number(v & 0x7fn);
        v >>= 7n;
        if (v > 0n)
            byte |= 0x80;
        out.push(byte);
    } while (v > 0n);
    return out;
}
const key = (field, wire) => varint((field << 3) | wire);
const int = (field, value) => [...key(field, 0), ...varint(value)];
const bytes = (field, data) => [...key(field, 2), ...varint(data.length), ...data];
const str = (field, s) => bytes(field, [...Buffer.from(s, 'utf8')]);
const FLOAT = 1;
const INT64 = 7;
function valueInfo(name, elemType, dims) {
    const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
    const tensorType = [...int(1, elemType), ...bytes(2, shape)];
    return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}
function gatherModel(embeddings, vocab, hidden) {
    const initializer = [...int(1, vocab), ...int(1, hidden), ...int(2, FLOAT), ...str(8, 'word_embeddings'), ...bytes(9, new Uint8Array(embeddings.buffer, embeddings.byteOffset, embeddings.byteLength))];
    const node = [...str(1, 'word_embeddings'), ...str(1, 'input_ids'), ...str(2, 'last_hidden_state'), ...str(3, 'embed'), ...str(4, 'Gather'), ...bytes(5, [...str(1, 'axis'), ...int(3, 0), ...int(20, 2)])];
    const graph = [
        ...bytes(1, node),
        ...str(2, 'tiny-bert'),
        ...bytes(5, initializer),
        ...bytes(11, valueInfo('input_ids', INT64, ['batch', 'sequence'])),
        ...bytes(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', hidden])),
    ];
    const model = [...int(1, 8), ...str(2, 'segmentql-test'), ...bytes(7, graph), ...bytes(8, [...str(1, ''), ...int(2, 13)])];
    return Buffer.from(model);
}
//# sourceMappingURL=tiny-bert.js.map