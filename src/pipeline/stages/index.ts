// The pipeline, in order. Read this array to know everything that happens to a photo.
import { compose } from './compose/stage';
import { decode } from './decode/stage';
import { encode } from './encode/stage';
import { refineMask } from './refine-mask/stage';
import { segment } from './segment/stage';
import type { AnyStage } from '../stage';

export const pipelineStages = [decode, segment, refineMask, compose, encode] as const satisfies readonly AnyStage[];

export type StageId = (typeof pipelineStages)[number]['id'];
