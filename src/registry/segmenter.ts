/**
 * The segmenter plugin interface. A segmenter is one plain object: it declares who it is, which parameters it takes
 * and what it can do, and it turns a training set into an immutable artifact (`fit`) that later assigns customers to
 * segments (`assign`). It never sees the database or GraphQL: the runner hands it a training set and a context.
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

/** What `fit` gets besides the data. */
export interface FitContext {
  /** Report progress; cheap to call often (the runner throttles what it stores and publishes). */
  progress(update: Progress): void;
  /**
   * Aborted when the run is cancelled: check it between iterations and throw `ctx.signal.reason` (or any error).
   * A fit that never awaits still sees it: the runner updates it whenever the plugin reports progress.
   */
  signal: AbortSignal;
  /** The run's seed: use it for every random choice. */
  seed: number;
  log(message: string): void;
  /** The compute backend the runner chose (e.g. `cpu`); a TensorFlow.js plugin calls `useBackend()` and reports it. */
  backend: string;
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
  /** Learns from the training set; returns a new artifact. Must honour `ctx.signal` between iterations. */
  fit(data: TrainingSet, params: Record<string, unknown>, ctx: FitContext): Promise<A>;
  /** One assignment per row of `data`, in row order (a model that runs a network or a text encoder may be async). */
  assign(artifact: A, data: TrainingSet): Assignment[] | Promise<Assignment[]>;
  /** Optional: an embedding per row. */
  embed?(artifact: A, data: TrainingSet): Float64Array[] | Promise<Float64Array[]>;
  /**
   * Optional: parameters that make `fit` quick enough for the conformance suite (fewer epochs, a smaller network),
   * as scikit-learn's `set_checking_parameters`. The contract checks still run in full.
   */
  readonly checkParams?: Record<string, unknown>;
  /** Per-segment data (centroids, sizes the model knows of). */
  describe(artifact: A): SegmentDescription[];
  /** Optional: model-level facts shown beside the version's metrics (e.g. how k was chosen). */
  summary?(artifact: A): Record<string, unknown>;
  serialize(artifact: A): Buffer;
  deserialize(bytes: Buffer): A;
}
