// Shapes of what Lustre keeps in IndexedDB: batches, images (metadata + status), originals, results.
import type { PhotoAdjustments } from '../pipeline/photo-adjustments';
import type { ErrorCode } from '../pipeline/errors';
import type { BatchId, ImageId } from '../pipeline/ids';
import type { Look } from '../pipeline/look';
import type { ResultFacts } from '../pipeline/result-facts';

export type BatchCategory = 'rings' | 'necklaces' | 'earrings' | 'bracelets' | 'pendants' | 'other';

export interface BatchRecord {
  id: BatchId;
  name: string;
  category: BatchCategory;
  look: Look;
  /** How the export names its files (see export/naming); the photos' own names when absent. */
  exportNameTemplate?: string;
  /** Whether photos are made with a transparent PNG cut-out too, and the export carries them (cutouts/NAME.png). */
  exportCutouts?: boolean;
  createdAt: number;
  updatedAt: number;
}

export type ImageStatus = 'queued' | 'working' | 'done' | 'failed';

export interface ImageError {
  code: ErrorCode;
  message: string;
}

/** What is known of a finished result, kept on the image record (the pixels live in `results`). */
export interface ResultSummary extends ResultFacts {
  sizeBytes: number;
  /** Bytes of the full-size transparent cut-out stored with the picture; absent when none was made. */
  cutoutBytes?: number;
  finishedAt: number;
}

export interface ImageRecord {
  id: ImageId;
  batchId: BatchId;
  /** The file's name as the user added it (with its folder path when a folder was added). */
  name: string;
  /** Position in the batch, in the order added. */
  index: number;
  type: string;
  sizeBytes: number;
  addedAt: number;
  status: ImageStatus;
  /** How many times processing started; a photo that keeps killing the tab is failed, not retried forever. */
  attempts?: number;
  error?: ImageError;
  result?: ResultSummary;
  /** This photo's own adjustments over the batch's look (absent: the look as it is). */
  adjustments?: PhotoAdjustments;
}

export interface SourceRecord {
  imageId: ImageId;
  batchId: BatchId;
  blob: Blob;
  /** Small preview of the original; absent when the file could not be decoded. */
  thumbnail?: Blob;
}

export interface ResultRecord {
  imageId: ImageId;
  batchId: BatchId;
  pipelineKey: string;
  blob: Blob;
  thumbnail: Blob;
  /** The piece on transparency, small (PNG), for live previews of another look; absent on older results. */
  cutoutPreview?: Blob;
  /** The piece on transparency, framed like the picture, full size (PNG): made when the batch asks for cut-outs. */
  cutout?: Blob;
}
