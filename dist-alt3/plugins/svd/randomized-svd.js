"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.symmetricEigen = symmetricEigen;
exports.randomizedSvd = randomizedSvd;
const sdk_1 = require("../../src/sdk");
/** X · M, M dense m x l (row-major): n x l. */
function times(x, m, l) {
    const out = new Float64Array(x.rows * l);
    for (let i = 0; i < x.rows; i++) {
        for (let e = x.rowPtr[i]; e < x.rowPtr[i + 1]; e++) {
            const v = x.values[e];
            const at = x.colIdx[e] * l;
            for (let j = 0; j < l; j++)
                out[i * l + j] += v * m[at + j];
        }
    }
    return out;
}
/** Xᵀ · M, M dense n x l: m x l. */
function transposeTimes(x, m, l) {
    const out = new Float64Array(x.cols * l);
    for (let i = 0; i < x.rows; i++) {
        for (let e = x.rowPtr[i]; e < x.rowPtr[i + 1]; e++) {
            const v = x.values[e];
            const at = x.colIdx[e] * l;
            for (let j = 0; j < l; j++)
                out[at + j] += v * m[i * l + j];
        }
    }
    return out;
}
/** Orthonormalises the columns of a (rows x l) in place (modified Gram-Schmidt, twice for stability). */
function orthonormalise(a, rows, l) {
    for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < l; j++) {
            for (let p = 0; p < j; p++) {
                let dot = 0;
                for (let i = 0; i < rows; i++)
                    dot += a[i * l + j] * a[i * l + p];
                for (let i = 0; i < rows; i++)
                    a[i * l + j] -= dot * a[i * l + p];
            }
            let norm = 0;
            for (let i = 0; i < rows; i++)
                norm += a[i * l + j] ** 2;
            norm = Math.sqrt(norm);
            // A column with nothing left (rank below l) stays zero.
            for (let i = 0; i < rows; i++)
                a[i * l + j] = norm > 1e-12 ? a[i * l + j] / norm : 0;
        }
    }
}
/** Eigenvalues (descending) and eigenvectors (columns of `vectors`, l x l) of a symmetric matrix, by cyclic Jacobi. */
function symmetricEigen(matrix, l) {
    const a = Float64Array.from(matrix);
    const v = new Float64Array(l * l);
    for (let i = 0; i < l; i++)
        v[i * l + i] = 1;
    for (let sweep = 0; sweep < 100; sweep++) {
        let off = 0;
        for (let p = 0; p < l; p++)
            for (let q = p + 1; q < l; q++)
                off += a[p * l + q] ** 2;
        if (off < 1e-22)
            break;
        for (let p = 0; p < l; p++) {
            for (let q = p + 1; q < l; q++) {
                const apq = a[p * l + q];
                if (Math.abs(apq) < 1e-300)
                    continue;
                const theta = (a[q * l + q] - a[p * l + p]) / (2 * apq);
                const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                const c = 1 / Math.sqrt(t * t + 1);
                const s = t * c;
                for (let k = 0; k < l; k++) {
                    const akp = a[k * l + p];
                    const akq = a[k * l + q];
                    a[k * l + p] = c * akp - s * akq;
                    a[k * l + q] = s * akp + c * akq;
                }
                for (let k = 0; k < l; k++) {
                    const apk = a[p * l + k];
                    const aqk = a[q * l + k];
                    a[p * l + k] = c * apk - s * aqk;
                    a[q * l + k] = s * apk + c * aqk;
                }
                for (let k = 0; k < l; k++) {
                    const vkp = v[k * l + p];
                    const vkq = v[k * l + q];
                    v[k * l + p] = c * vkp - s * vkq;
                    v[k * l + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    const order = Array.from({ length: l }, (_, i) => i).sort((x, y) => a[y * l + y] - a[x * l + x]);
    const vectors = new Float64Array(l * l);
    order.forEach((from, to) => {
        for (let k = 0; k < l; k++)
            vectors[k * l + to] = v[k * l + from];
    });
    return { values: order.map((i) => a[i * l + i]), vectors };
}
/** The top `rank` singular triplets of `x`; deterministic for a seed (signs fixed: each component's largest entry positive). */
function randomizedSvd(x, rank, options) {
    const r = Math.max(1, Math.min(rank, x.rows, x.cols));
    const l = Math.min(r + options.oversample, x.rows, x.cols);
    const rng = new sdk_1.Random(options.seed);
    const omega = Float64Array.from({ length: x.cols * l }, () => rng.normal(0, 1));
    let q = times(x, omega, l);
    orthonormalise(q, x.rows, l);
    for (let it = 0; it < options.powerIterations; it++) {
        const z = transposeTimes(x, q, l);
        orthonormalise(z, x.cols, l);
        q = times(x, z, l);
        orthonormalise(q, x.rows, l);
    }
    // Bᵀ = Xᵀ Q (m x l); B Bᵀ = (Bᵀ)ᵀ Bᵀ (l x l).
    const bt = transposeTimes(x, q, l);
    const gram = new Float64Array(l * l);
    for (let k = 0; k < x.cols; k++)
        for (let a = 0; a < l; a++) {
            const v = bt[k * l + a];
            if (v !== 0)
                for (let b = 0; b < l; b++)
                    gram[a * l + b] += v * bt[k * l + b];
        }
    const { values, vectors } = symmetricEigen(gram, l);
    const singularValues = values.slice(0, r).map((v) => Math.sqrt(Math.max(v, 0)));
    // V = Bᵀ W Σ⁻¹.
    const components = new Float64Array(x.cols * r);
    for (let k = 0; k < x.cols; k++) {
        for (let j = 0; j < r; j++) {
            let s = 0;
            for (let a = 0; a < l; a++)
                s += bt[k * l + a] * vectors[a * l + j];
            components[k * r + j] = singularValues[j] > 1e-12 ? s / singularValues[j] : 0;
        }
    }
    for (let j = 0; j < r; j++) {
        let largest = 0;
        for (let k = 0; k < x.cols; k++)
            if (Math.abs(components[k * r + j]) > Math.abs(largest))
                largest = components[k * r + j];
        if (largest < 0)
            for (let k = 0; k < x.cols; k++)
                components[k * r + j] = -components[k * r + j];
    }
    return { rank: r, singularValues, components };
}
//# sourceMappingURL=randomized-svd.js.map