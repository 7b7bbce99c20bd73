import { ImportSource } from './source';
import { CdnowSource } from './sources/cdnow.source';
import { OnlineRetailSource } from './sources/online-retail.source';
import { SegmentqlSource } from './sources/segmentql.source';

export const IMPORT_FORMATS = ['online-retail', 'cdnow', 'segmentql'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A source described as plain data, so that it can be built in another thread. */
export interface SourceSpec {
  format: ImportFormat;
  /** A file, or a folder for the generic layout. */
  path: string;
  /** Online Retail's local time zone. */
  timeZone?: string;
}

export function isImportFormat(format: string): format is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(format);
}

export function createSource(spec: SourceSpec): ImportSource {
  switch (spec.format) {
    case 'online-retail':
      return new OnlineRetailSource(spec.path, spec.timeZone);
    case 'cdnow':
      return new CdnowSource(spec.path);
    case 'segmentql':
      return new SegmentqlSource(spec.path);
  }
}
