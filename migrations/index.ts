import { InitialSchema1764320000000 } from './1764320000000-initial-schema';
import { Segmentation1764400000000 } from './1764400000000-segmentation';
import { TrainingProgress1764500000000 } from './1764500000000-training-progress';
import { Evaluation1764600000000 } from './1764600000000-evaluation';
import { Access1764700000000 } from './1764700000000-access';
import { CustomerStats1764800000000 } from './1764800000000-customer-stats';
import { EvaluationRuns1764900000000 } from './1764900000000-evaluation-runs';
import { VersionNumbers1765000000000 } from './1765000000000-version-numbers';
import { RunOwners1765100000000 } from './1765100000000-run-owners';
import { ApiKeyRevision1765300000000 } from './1765300000000-api-key-revision';
import { ExportQuotas1765400000000 } from './1765400000000-export-quotas';
import { CustomerPredictions1765500000000 } from './1765500000000-customer-predictions';
import { DistributedJobs1765600000000 } from './1765600000000-distributed-jobs';
import { ContinuousSegmentation1765700000000 } from './1765700000000-continuous-segmentation';
import { SegmentMaps1765800000000 } from './1765800000000-segment-maps';

/** Every migration, oldest first. Listed explicitly so that tests, the CLI and the server run the same set. */
export const MIGRATIONS = [InitialSchema1764320000000, Segmentation1764400000000, TrainingProgress1764500000000, Evaluation1764600000000, Access1764700000000, CustomerStats1764800000000, EvaluationRuns1764900000000, VersionNumbers1765000000000, RunOwners1765100000000, ApiKeyRevision1765300000000, ExportQuotas1765400000000, CustomerPredictions1765500000000, DistributedJobs1765600000000, ContinuousSegmentation1765700000000, SegmentMaps1765800000000];
