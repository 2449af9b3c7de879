// Quality report metrics: pure measurements of retouched outputs (mask accuracy, background purity, fill, halo, batch consistency).
export {
  computeBoundaryFMeasure,
  computeDiagonalTolerancePx,
  measureMaskAccuracy,
  type BoundaryFMeasure,
  type MaskAccuracy,
  type MaskAccuracyOptions,
} from './mask-accuracy';
export { computeMaskIoU } from '../core/mask-ops';
export { measureBackgroundPurity, type BackgroundPurity, type BackgroundPurityOptions } from './background-purity';
export { measureFill, measureFillError, measureFramedFillError, measureVisibleFillError, type FillError } from './fill-error';
export { measureEdgeRingDeltaE00, measureHalo, type EdgeRingDifference, type Halo, type HaloReference } from './halo';
export { renderCleanEdgeReference } from './halo-reference';
export {
  measureBatchConsistency,
  measurePieceStatistics,
  type BatchConsistency,
  type PieceStatistics,
} from './batch-consistency';
export {
  qualityFigures,
  summarizeQuality,
  type FigureSummary,
  type ImageQuality,
  type QualityFigure,
  type QualitySummary,
} from './summary';
