"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_FEATURES = exports.FEATURE_NAMES = exports.PROTECTED_FEATURES = exports.FEATURE_CATALOGUE = void 0;
exports.buildTrainingSet = buildTrainingSet;
exports.standardise = standardise;
/**
 * The numeric features a segmenter can ask for, each derived from `CustomerFeatures`. Heavy-tailed quantities are
 * log-scaled (log1p) so that a few big spenders do not dominate distances. Protected attributes (gender, birth year)
 * are listed apart (PROTECTED_FEATURES) and refused unless the model opts in.
 */
exports.FEATURE_CATALOGUE = {
    log_recency: (f, fallback) => Math.log1p(f.recencyDays ?? fallback),
    log_frequency: (f) => Math.log1p(f.frequency),
    log_monetary: (f) => Math.sign(f.monetary) * Math.log1p(Math.abs(f.monetary)),
    log_tenure: (f) => Math.log1p(f.tenureDays ?? 0),
    log_average_order_value: (f) => Math.log1p(Math.max(0, f.averageOrderValue)),
    return_rate: (f) => f.returnRate,
    log_distinct_products: (f) => Math.log1p(f.distinctProducts),
    // Protected attributes: a model must opt in (allowProtectedAttributes) to use them, and its versions record it.
    age: (f) => (f.birthYear ? f.asOf.getUTCFullYear() - f.birthYear : 40),
    gender_female: (f) => (f.gender === 'female' ? 1 : 0),
    gender_male: (f) => (f.gender === 'male' ? 1 : 0),
};
/** Features derived from protected attributes (gender, age): excluded unless a model opts in explicitly. */
exports.PROTECTED_FEATURES = ['age', 'gender_female', 'gender_male'];
exports.FEATURE_NAMES = Object.keys(exports.FEATURE_CATALOGUE);
exports.DEFAULT_FEATURES = ['log_recency', 'log_frequency', 'log_monetary', 'log_tenure', 'log_average_order_value'];
/** Builds the dense matrix of the named features; a customer who never bought gets the largest recency seen. */
function buildTrainingSet(features, names) {
    for (const name of names)
        if (!exports.FEATURE_CATALOGUE[name])
            throw new Error(`unknown feature ${name} (known: ${exports.FEATURE_NAMES.join(', ')})`);
    const fallbackRecency = features.reduce((m, f) => Math.max(m, f.recencyDays ?? f.tenureDays ?? 0), 0);
    const d = names.length;
    const matrix = new Float64Array(features.length * d);
    features.forEach((f, i) => {
        names.forEach((name, j) => (matrix[i * d + j] = exports.FEATURE_CATALOGUE[name](f, fallbackRecency)));
    });
    return { customerIds: features.map((f) => f.customerId), featureNames: [...names], features: matrix };
}
/** Z-scores each column (a constant column stays 0). Returns the means and standard deviations used. */
function standardise(x, n, d, stats) {
    const means = stats?.means ?? new Array(d).fill(0);
    const stds = stats?.stds ?? new Array(d).fill(0);
    if (!stats) {
        for (let i = 0; i < n; i++)
            for (let f = 0; f < d; f++)
                means[f] += x[i * d + f] / n;
        for (let i = 0; i < n; i++)
            for (let f = 0; f < d; f++)
                stds[f] += (x[i * d + f] - means[f]) ** 2 / n;
        for (let f = 0; f < d; f++)
            stds[f] = Math.sqrt(stds[f]) || 1;
    }
    const z = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
        for (let f = 0; f < d; f++)
            z[i * d + f] = (x[i * d + f] - means[f]) / stds[f];
    return { z, means, stds };
}
//# sourceMappingURL=feature-catalogue.js.map