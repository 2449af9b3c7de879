// The pipeline, in order. Read this array to know everything that happens to a photo.
import { checkExport } from './check-export/stage';
import { brilliance } from './brilliance/stage';
import { checkPackshot } from './check-packshot/stage';
import { compose } from './compose/stage';
import { decode } from './decode/stage';
import { encode } from './encode/stage';
import { frame } from './frame/stage';
import { holes } from './holes/stage';
import { metal } from './metal/stage';
import { refineMask } from './refine-mask/stage';
import { segment } from './segment/stage';
import { shadow } from './shadow/stage';
import { tone } from './tone/stage';
import { upscale } from './upscale/stage';
import { whiteBalance } from './white-balance/stage';
import { whiteOnWhite } from './white-on-white/stage';
import type { AnyStage } from '../stage';

export const pipelineStages = [decode, segment, refineMask, whiteOnWhite, holes, whiteBalance, metal, tone, brilliance, checkPackshot, frame, upscale, compose, shadow, encode, checkExport] as const satisfies readonly AnyStage[];

export type StageId = (typeof pipelineStages)[number]['id'];
