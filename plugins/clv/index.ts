import { clvSegmenter } from './clv.segmenter';

export { clvSegmenter };
export default clvSegmenter;
