// Shadow stage: the look's contact or drop shadow, drawn from the framed piece's alpha under the piece (none for Amazon-style looks).
import { applyShadowInPlace, renderShadowMap } from '../../../core/shadow';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { renderLookBackground } from '../compose/layout';

export const shadow = defineStage<Record<string, never>>({
  id: 'shadow',
  version: 1,
  label: 'Shadow',
  defaults: {},
  async run(state, _options, ctx) {
    ctx.signal.throwIfAborted();
    const { kind, ...spec } = ctx.look.shadow;
    if (kind === 'none' || spec.opacity <= 0) return state;
    if (!state.output || !state.outputAlpha) throw new AppError('unknown', 'Shadow needs the composed picture.');
    const shadowMap = renderShadowMap(state.outputAlpha, { kind, ...spec });
    if (!shadowMap) return state;
    const output = { ...state.output, data: new Uint8ClampedArray(state.output.data) };
    applyShadowInPlace(output, state.outputAlpha, renderLookBackground(ctx.look), shadowMap, spec.opacity);
    return { ...state, output, shadowMap };
  },
});
