import { createSequenceSegmenter } from '../../src/sdk';

/**
 * BERT-style segmenter: a bidirectional transformer pretrained with masked-item modelling (BERT4Rec) over each
 * customer's purchase history; the pooled embedding is joined with the pretrained text encoder's vector of what the
 * customer bought and wrote, and with standardised RFM, then clustered.
 */
export const bertSegmenter = createSequenceSegmenter({
  code: 'bert',
  version: '1.0.0',
  description: "BERT-style bidirectional transformer pretrained with masked-item modelling (BERT4Rec); k-means on the pooled embedding joined with the text encoder's vector of the customer's purchases and reviews, and RFM.",
  objective: 'masked',
  textBlock: true,
});

export default bertSegmenter;
