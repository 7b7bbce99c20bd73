"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateParams = validateParams;
exports.validateSegmenterParams = validateSegmenterParams;
const errors_1 = require("../errors");
/**
 * Checks params against a segmenter's declared schema and fills in defaults. Unknown names, wrong types, values out
 * of range or not among the choices are BAD_USER_INPUT, all of them listed at once.
 */
function validateParams(code, specs, given) {
    if (given !== null && given !== undefined && (typeof given !== 'object' || Array.isArray(given))) {
        throw (0, errors_1.badUserInput)(`params for ${code} must be a JSON object`);
    }
    const input = (given ?? {});
    const problems = [];
    const known = new Set(specs.map((s) => s.name));
    for (const name of Object.keys(input)) {
        if (!known.has(name))
            problems.push(`${name}: unknown parameter (known: ${[...known].join(', ')})`);
    }
    const out = {};
    for (const spec of specs) {
        const value = input[spec.name] ?? spec.default;
        const problem = checkValue(spec, value);
        if (problem)
            problems.push(`${spec.name}: ${problem}`);
        else
            out[spec.name] = Array.isArray(value) ? [...value] : value;
    }
    if (problems.length > 0)
        throw (0, errors_1.badUserInput)(`invalid params for ${code}: ${problems.join('; ')}`, { problems });
    return out;
}
/**
 * A segmenter's params as a run will use them: each value checked against its spec, then the plugin's own
 * cross-parameter checks (`validate`), all before anything is queued.
 */
function validateSegmenterParams(segmenter, given) {
    const params = validateParams(segmenter.code, segmenter.params, given);
    const problems = segmenter.validate?.(params) ?? [];
    if (problems.length > 0)
        throw (0, errors_1.badUserInput)(`invalid params for ${segmenter.code}: ${problems.join('; ')}`, { problems });
    return params;
}
/** A value as an error message shows it: JSON, cut at 60 characters (a client may send anything, of any size). */
function shown(value) {
    let text;
    try {
        text = JSON.stringify(value) ?? String(value);
    }
    catch {
        text = Array.isArray(value) ? 'a list' : typeof value;
    }
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
function checkValue(spec, value) {
    switch (spec.type) {
        case 'int':
        case 'float': {
            if (typeof value !== 'number' || !Number.isFinite(value))
                return `${shown(value)} is not a number`;
            if (spec.type === 'int' && !Number.isInteger(value))
                return `${value} is not an integer`;
            if (spec.min !== undefined && value < spec.min)
                return `${value} is below ${spec.min}`;
            if (spec.max !== undefined && value > spec.max)
                return `${value} is above ${spec.max}`;
            return null;
        }
        case 'boolean':
            return typeof value === 'boolean' ? null : `${shown(value)} is not true or false`;
        case 'string':
            if (typeof value !== 'string')
                return `${shown(value)} is not a string`;
            if (spec.choices && !spec.choices.includes(value))
                return `${shown(value)} is not one of ${spec.choices.join(', ')}`;
            return spec.validate?.(value) ?? null;
        case 'string[]': {
            if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
                return `${shown(value)} is not a list of strings`;
            if (value.length === 0)
                return 'must not be empty';
            const bad = spec.choices ? value.filter((v) => !spec.choices.includes(v)) : [];
            return bad.length > 0 ? `${bad.map((b) => shown(b)).join(', ')} not among ${spec.choices.join(', ')}` : null;
        }
    }
}
//# sourceMappingURL=params.js.map