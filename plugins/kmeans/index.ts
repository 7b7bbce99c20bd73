import { kmeansSegmenter } from './kmeans.segmenter';

export { kmeansSegmenter };
export default kmeansSegmenter;
