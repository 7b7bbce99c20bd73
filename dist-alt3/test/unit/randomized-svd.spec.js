"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const randomized_svd_1 = require("../../plugins/svd/randomized-svd");
const random_1 = require("../../src/ml/random");
/** Orthonormal columns (rows x cols) by Gram-Schmidt of seeded Gaussian vectors. */
function orthonormal(rows, cols, rng) {
    const q = Float64Array.from({ length: rows * cols }, () => rng.normal(0, 1));
    for (let j = 0; j < cols; j++) {
        for (let p = 0; p < j; p++) {
            let dot = 0;
            for (let i = 0; i < rows; i++)
                dot += q[i * cols + j] * q[i * cols + p];
            for (let i = 0; i < rows; i++)
                q[i * cols + j] -= dot * q[i * cols + p];
        }
        let norm = 0;
        for (let i = 0; i < rows; i++)
            norm += q[i * cols + j] ** 2;
        for (let i = 0; i < rows; i++)
            q[i * cols + j] /= Math.sqrt(norm);
    }
    return q;
}
function dense(x, rows, cols) {
    const rowPtr = new Int32Array(rows + 1);
    const colIdx = [];
    const values = [];
    for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
            if (x[i * cols + j] === 0)
                continue;
            colIdx.push(j);
            values.push(x[i * cols + j]);
        }
        rowPtr[i + 1] = colIdx.length;
    }
    return { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}
describe('randomized truncated SVD', () => {
    /** X = U diag(s) Vᵀ, 150 x 80, of full rank with a slowly decaying spectrum s_k = k^(-1/4): a hard case. */
    function slowSpectrum() {
        const rng = new random_1.Random(11);
        const [n, m] = [150, 80];
        const s = Array.from({ length: m }, (_, k) => (k + 1) ** -0.25);
        const u = orthonormal(n, m, rng);
        const v = orthonormal(m, m, rng);
        const x = new Float64Array(n * m);
        for (let i = 0; i < n; i++)
            for (let j = 0; j < m; j++)
                for (let k = 0; k < m; k++)
                    x[i * m + j] += u[i * m + k] * s[k] * v[j * m + k];
        return { x: dense(x, n, m), s, v, m };
    }
    it('recovers the top singular values of a full-rank matrix with a slowly decaying spectrum, thanks to its power iterations', () => {
        const { x, s } = slowSpectrum();
        const error = (q) => {
            const svd = (0, randomized_svd_1.randomizedSvd)(x, 4, { oversample: 10, powerIterations: q, seed: 3 });
            return Math.max(...svd.singularValues.map((value, k) => Math.abs(value - s[k]) / s[k]));
        };
        // Without power iterations the sketch mixes in the long tail; with them the estimates converge.
        const [e0, e8] = [error(0), error(8)];
        expect(e0).toBeGreaterThan(0.02);
        expect(e8).toBeLessThan(e0 / 3);
        expect(e8).toBeLessThan(0.02);
    });
    it('recovers the singular values and right singular vectors of a low-rank matrix exactly, the same for the same seed', () => {
        // X = U diag(s) Vᵀ: 120 x 60, rank 6, singular values 10, 8, 6, 4, 2, 1.
        const rng = new random_1.Random(11);
        const s = [10, 8, 6, 4, 2, 1];
        const [n, m, r] = [120, 60, s.length];
        const u = orthonormal(n, r, rng);
        const v = orthonormal(m, r, rng);
        const x = new Float64Array(n * m);
        for (let i = 0; i < n; i++)
            for (let j = 0; j < m; j++)
                for (let k = 0; k < r; k++)
                    x[i * m + j] += u[i * r + k] * s[k] * v[j * r + k];
        const svd = (0, randomized_svd_1.randomizedSvd)(dense(x, n, m), 4, { oversample: 6, powerIterations: 4, seed: 3 });
        expect(svd.rank).toBe(4);
        svd.singularValues.forEach((value, k) => expect(value).toBeCloseTo(s[k], 6));
        // Each component equals the true right singular vector up to sign; signs are fixed (largest entry positive).
        for (let k = 0; k < 4; k++) {
            let dot = 0;
            let largest = 0;
            for (let j = 0; j < m; j++) {
                dot += svd.components[j * 4 + k] * v[j * r + k];
                if (Math.abs(svd.components[j * 4 + k]) > Math.abs(largest))
                    largest = svd.components[j * 4 + k];
            }
            expect(Math.abs(dot)).toBeCloseTo(1, 6);
            expect(largest).toBeGreaterThan(0);
        }
        expect((0, randomized_svd_1.randomizedSvd)(dense(x, n, m), 4, { oversample: 6, powerIterations: 4, seed: 3 }).components).toEqual(svd.components);
    });
    it('finds the eigen-decomposition of a symmetric matrix (Jacobi)', () => {
        const a = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
        const { values, vectors } = (0, randomized_svd_1.symmetricEigen)(a, 3);
        // Known eigenvalues of this matrix: 3 + √3, 3, 3 − √3.
        expect(values[0]).toBeCloseTo(3 + Math.sqrt(3), 10);
        expect(values[1]).toBeCloseTo(3, 10);
        expect(values[2]).toBeCloseTo(3 - Math.sqrt(3), 10);
        // A v = λ v for each column.
        for (let k = 0; k < 3; k++) {
            for (let i = 0; i < 3; i++) {
                let av = 0;
                for (let j = 0; j < 3; j++)
                    av += a[i * 3 + j] * vectors[j * 3 + k];
                expect(av).toBeCloseTo(values[k] * vectors[i * 3 + k], 10);
            }
        }
    });
});
//# sourceMappingURL=randomized-svd.spec.js.map