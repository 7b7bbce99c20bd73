/**
 * The segmenter plugin interface. A segmenter is one plain object: it declares who it is, which parameters it takes
 * and what it can do, and it turns a training set into an immutable artifact (`fit`) that later assigns customers to
 * segments (`assign`). It never sees the database or GraphQL: the runner hands it a training set and a context.
 *
 * Plugins import this interface, and the toolkit they may use, from the SDK's one entry point (`segmentql/sdk`,
 * `src/sdk/index.ts`), never from elsewhere in the package.
 *
 * @example A minimal plugin: see `test/fixtures/plugins/example-segmenter.ts` and README ("Writing a segmenter").
 */

/** The declared type of a parameter. */
export type ParamType = 'int' | 'float' | 'string' | 'boolean' | 'string[]';

/** One parameter a segmenter accepts; params are checked against these before a run is queued. */
export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Used when the parameter is not given. */
  default: unknown;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Allowed values for strings (or for each element of a `string[]`). */
  choices?: readonly string[];
  /** For strings without a fixed list of choices: returns what is wrong with a value, or null. */
  validate?: (value: string) => string | null;
  description: string;
}

/** What a segmenter uses and can do, as data (in the spirit of scikit-learn's estimator tags). */
export interface Capabilities {
  /** The inputs it reads from the training set. */
  inputs: ReadonlyArray<'numeric' | 'text' | 'sequence'>;
  /** Whether it implements `embed`. */
  embeds: boolean;
  /** Same data, params and seed give the same artifact and assignments. */
  deterministicWithSeed: boolean;
  accelerator: 'none' | 'optional' | 'required';
  /** Whether it implements `predict` (per-customer value, churn and next purchase); absent means false. */
  predicts?: boolean;
}

/** Options of `predict`. */
export interface PredictOptions {
  /**
   * Predict over this many days instead of the model's own horizon (the evaluation asks for its split's horizon). A
   * model that can only predict its own horizon throws.
   */
  horizonDays?: number;
}

/**
 * What a predicting segmenter says about one customer over the next `horizonDays` after the data's cut-off. Every
 * figure is the model's expectation for that window; `null` where the model has no such quantity.
 */
export interface Prediction {
  /** Expected number of purchases (distinct purchase days) in the horizon. */
  expectedPurchases: number;
  /** Probability that the customer is still a customer (BG/NBD's P(alive)); null for models without the notion. */
  pAlive: number | null;
  /** Probability of no purchase in the horizon. */
  churnProbability: number;
  /** Expected spend per purchase. */
  expectedSpendPerPurchase: number | null;
  /** Expected spend in the horizon (the customer's value over it). */
  clv: number;
  /** Days from the cut-off to the date by which a purchase becomes more likely than not; null when it never does. */
  daysToNextPurchase: number | null;
  /** The customer's value tier, when the model has its own (else the host ranks `clv`: top 20% high, next 30% mid). */
  valueTier?: 'high' | 'mid' | 'low' | 'lapsed';
}

/**
 * Customers' purchase histories, flattened: customer `i`'s events are rows `offsets[i]` to `offsets[i + 1] - 1`,
 * oldest first (order time, then line). Only placed orders before `asOf`; at most `itemsPerOrder` lines per order
 * (the largest by amount) when the runner was asked for that.
 */
export interface SequenceSet {
  offsets: Int32Array;
  productIds: Int32Array;
  /** Order time in days since 1970-01-01 (fractional). */
  days: Float64Array;
  quantities: Float32Array;
  /** Line amount in currency units. */
  amounts: Float32Array;
}

/** The products the sequences mention, with what a text encoder reads (title and description) and their category. */
export interface ItemCatalogue {
  productIds: number[];
  categories: Array<string | null>;
  texts: string[];
}

/** The customers to segment, as a dense row-major matrix of numeric features, plus the inputs a plugin declared. */
export interface TrainingSet {
  customerIds: number[];
  featureNames: string[];
  /** `customerIds.length` rows of `featureNames.length` values. */
  features: Float64Array;
  /** With `inputs: ['sequence']`: each customer's history. */
  sequences?: SequenceSet;
  /** With `inputs: ['sequence']` or `['text']`: every product the sequences mention. */
  items?: ItemCatalogue;
  /** With `inputs: ['text']`: the review texts each customer wrote before `asOf`, newest first. */
  reviews?: string[][];
  /** The cut-off of the data, in days since 1970-01-01. */
  asOfDay?: number;
}

/** One progress report. `fraction` is 0..1 and must never go backwards within a run. */
export interface Progress {
  fraction: number;
  step?: number;
  totalSteps?: number;
  epoch?: number;
  loss?: number;
  /** Held-out loss after the last finished epoch. */
  validationLoss?: number;
  sequencesPerSecond?: number;
  message?: string;
}

/** A pretrained sentence encoder, as the host hands it to a plugin (see `PluginServices.textEncoder`). */
export interface TextEncoder {
  readonly id: string;
  readonly dimension: number;
  /** One vector per text, in order. */
  encode(texts: readonly string[]): Promise<Float32Array[]>;
}

/** TensorFlow.js on the backend the host chose for this thread. */
export interface TensorFlowHandle {
  /** The `@tensorflow/tfjs` module, with its backend already set. */
  tf: typeof import('@tensorflow/tfjs');
  /** `tensorflow-gpu`, `tensorflow`, `wasm` or `cpu`. */
  backend: string;
}

/**
 * What the host lends a plugin on every call that may need it (`fit`, `assign`, `embed`). A plugin never reads
 * `process.env`, the database or the server's internals: everything it needs comes from here or from its params.
 */
export interface PluginServices {
  /**
   * TensorFlow.js on this thread's backend, selected on the first call (training threads may use a native build; the
   * API thread uses wasm or cpu only). Plugins that declare `accelerator: 'none'` should not call it.
   */
  tensorflow(): Promise<TensorFlowHandle>;
  /** A pretrained text encoder by id: `use-lite`, or `transformers:<model-id>` from the host's models folder. */
  textEncoder(id: string): Promise<TextEncoder>;
  log(message: string): void;
}

/** What `assign` and `embed` get besides the artifact and the data. */
export type AssignContext = PluginServices;

/** What `fit` gets besides the data. */
export interface FitContext extends PluginServices {
  /** Report progress; cheap to call often (the runner throttles what it stores and publishes). */
  progress(update: Progress): void;
  /**
   * Aborted when the run is cancelled: check it between iterations and throw `ctx.signal.reason` (or any error).
   * A fit that never awaits still sees it: the runner updates it whenever the plugin reports progress.
   */
  signal: AbortSignal;
  /** The run's seed: use it for every random choice. */
  seed: number;
  /** A private folder for this fit's temporary files (created by the host, removed after the fit). */
  scratchDir: string;
  /**
   * Why the host fits: `training` (a version) or `stability` (a bootstrap refit whose artifact only assigns, never
   * predicts or is stored: a plugin may skip what `assign` does not need). Absent means `training`.
   */
  purpose?: 'training' | 'stability';
}

/** A customer's segment and how far it is from the segment's centre (or a score; lower is closer). */
export interface Assignment {
  segment: number;
  distance: number;
}

/** Per-segment data a segmenter can say about its artifact. */
export interface SegmentDescription {
  index: number;
  /** The segment's centre in the original feature units, by feature name, where the model has one. */
  centroid?: Record<string, number>;
  [key: string]: unknown;
}

/**
 * A segmenter plugin. `A` is its artifact type: a plain value that `fit` returns and nothing mutates afterwards.
 */
export interface Segmenter<A = unknown> {
  /** Unique, stable, lower-case (`kmeans`). */
  readonly code: string;
  /** The plugin's own version (semver). */
  readonly version: string;
  readonly description: string;
  /** Bumped whenever the artifact layout changes; loading an artifact of another format is refused. */
  readonly artifactFormat: number;
  readonly params: readonly ParamSpec[];
  readonly capabilities: Capabilities;
  /** The features the plugin wants in its training set (names from the feature catalogue), given its params. */
  featureNames(params: Record<string, unknown>): string[];
  /**
   * Optional cross-parameter checks, run on the filled-in params (defaults applied, each value already checked against
   * its `ParamSpec`) before a run is queued: one message per problem, empty when the params are fine.
   */
  validate?(params: Readonly<Record<string, unknown>>): string[];
  /** Learns from the training set; returns a new artifact. Must honour `ctx.signal` between iterations. */
  fit(data: TrainingSet, params: Record<string, unknown>, ctx: FitContext): Promise<A>;
  /** One assignment per row of `data`, in row order (a model that runs a network or a text encoder may be async). */
  assign(artifact: A, data: TrainingSet, ctx: AssignContext): Assignment[] | Promise<Assignment[]>;
  /** Optional: an embedding per row, in the space the segments were made in. */
  embed?(artifact: A, data: TrainingSet, ctx: AssignContext): Float64Array[] | Promise<Float64Array[]>;
  /**
   * Optional, with `capabilities.predicts`: one prediction per row of `data`, in row order, over the horizon the
   * model was fitted for (`horizonDays(artifact)`). `data.asOfDay` is the cut-off the predictions start from.
   */
  predict?(artifact: A, data: TrainingSet, ctx: AssignContext, options?: PredictOptions): Prediction[] | Promise<Prediction[]>;
  /** With `predict`: the horizon, in days, its predictions are for; 0 when this artifact cannot predict (no predictions are stored or evaluated). */
  horizonDays?(artifact: A): number;
  /**
   * Optional: parameters that make `fit` quick enough for the conformance suite (fewer epochs, a smaller network),
   * as scikit-learn's `set_checking_parameters`. The contract checks still run in full.
   */
  readonly checkParams?: Record<string, unknown>;
  /**
   * Optional: the params that refit *this* model on other data (bootstrap stability): the choices the fit made on
   * its own (k, weights chosen on a validation window) fixed, so that a refit is compared at the same granularity.
   * Without it the host fixes `k` to the version's number of segments when the params say 0 (choose).
   */
  refitParams?(artifact: A, params: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** Per-segment data (centroids, sizes the model knows of). */
  describe(artifact: A): SegmentDescription[];
  /** Optional: model-level facts shown beside the version's metrics (e.g. how k was chosen). */
  summary?(artifact: A): Record<string, unknown>;
  serialize(artifact: A): Buffer;
  deserialize(bytes: Buffer): A;
}
