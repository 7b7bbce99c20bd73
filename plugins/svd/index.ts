import { svdSegmenter } from './svd.segmenter';

export { svdSegmenter };
export default svdSegmenter;
