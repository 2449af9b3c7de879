// Generated test images with exact ground truth: tiny patterns, photo-like ring and chain scenes, model-mask stand-ins, codecs.
export { checker, disc, discMask, gradient, noise, solid, type DiscOptions, type Rgb } from './patterns';
export { renderRingScene, type RingSceneOptions, type Scene } from './ring-scene';
export { renderChainScene, type ChainSceneOptions } from './chain-scene';
export type { Metal } from './piece-layer';
export type { BackdropKind } from './backdrop';
export { simulateModelMask, type ModelMaskOptions } from './model-mask';
export { decodeJpeg, decodeMaskPng, decodePng, encodeJpeg, encodePng } from './codecs';
export { createRandom } from './random';
export { computeBoundaryIoU } from './mask-metrics';
