import { describe, expect, it } from 'vitest';
import { scoreBatchMatch, type MatchCandidate } from './batch-match';
import { whiteCatalogLook, type Look } from './look';
import type { PieceMeasures } from './result-facts';

const look = whiteCatalogLook; // highlights 96, fill 85 %, full strengths
const piece = (overrides: Partial<PieceMeasures> = {}): PieceMeasures => ({ highlightL: 96, medianL: 70, metalB: 0, fillPct: 85, ...overrides });
const candidate = (id: string, overrides: Partial<PieceMeasures> = {}, extra: Partial<MatchCandidate<string>> = {}): MatchCandidate<string> => ({ id, piece: piece(overrides), metal: 'yellow', look, ...extra });

describe('scoreBatchMatch', () => {
  it('scores a batch at its look 100, with each measure said', () => {
    const scores = scoreBatchMatch([candidate('a'), candidate('b', {}, { metal: 'white' }), candidate('c')]);
    expect([...scores.values()].map((match) => match.score)).toEqual([100, 100, 100]);
    expect(scores.get('b')!.differences.map((d) => d.message)).toEqual([
      "Highlights: L* 96 (the batch's 96, the look asks 96).",
      'White metal neutral: b* 0.',
      "Fill: 85 % of the frame (the look's 85 %).",
    ]);
    expect(scores.get('a')!.isOutlier).toBe(false);
  });

  it('names a photo whose highlights are darker than the batch, and no other', () => {
    const scores = scoreBatchMatch([candidate('a', { highlightL: 95.5 }), candidate('b', { highlightL: 96.4 }), candidate('dark', { highlightL: 89 }), candidate('d')]);
    const dark = scores.get('dark')!;
    expect(dark.isOutlier).toBe(true);
    // The batch's median offset is −0.25 (95.75); 89 is 6.75 under it and 7 under the look: 2.33 bars, score 100 − 58.
    expect(dark.score).toBe(42);
    expect(dark.differences[0].message).toBe("Highlights darker than the batch: L* 89 (the batch's 95.8, the look asks 96), more than 3 apart.");
    expect(['a', 'b', 'd'].map((id) => scores.get(id)!.isOutlier)).toEqual([false, false, false]);
  });

  it('judges highlights against the look too: a whole batch too bright is off, though alike', () => {
    const scores = scoreBatchMatch([candidate('a', { highlightL: 100 }), candidate('b', { highlightL: 100 })]);
    expect(scores.get('a')!.isOutlier).toBe(true);
    expect(scores.get('a')!.differences[0].message).toMatch(/^Highlights brighter than the look asks: L\* 100/);
  });

  it('does not judge against the look a target its exposure strength only goes part of the way to', () => {
    const partial: Look = { ...look, strengths: { ...look.strengths, exposure: 0.5 } };
    const scores = scoreBatchMatch([candidate('a', { highlightL: 90 }, { look: partial }), candidate('b', { highlightL: 91 }, { look: partial })]);
    expect(scores.get('a')!.isOutlier).toBe(false);
    expect(scores.get('a')!.differences[0].message).toBe("Highlights: L* 90 (the batch's 90.5).");
  });

  it('judges a photo brightened on purpose against its own brightness, and says so', () => {
    const brighter: Look = { ...look, tone: { ...look.tone, highlightL: 99 } };
    const scores = scoreBatchMatch([candidate('a', { highlightL: 96.5 }), candidate('b', { highlightL: 96.5 }), candidate('own', { highlightL: 99 }, { look: brighter, hasOwnBrightness: true })]);
    expect(scores.get('own')!.score).toBe(96);
    expect(scores.get('own')!.differences[0].message).toBe('Highlights: L* 99 (the batch +0.5 from its look, its own brightness asks 99).');
    const dim = scoreBatchMatch([candidate('a'), candidate('b'), candidate('own', { highlightL: 94 }, { look: brighter, hasOwnBrightness: true })]).get('own')!;
    expect(dim.differences[0].message).toBe('Highlights darker than the batch: L* 94 (the batch 0 from its look, its own brightness asks 99), more than 3 apart.');
  });

  it('leaves a photo with its own brightness out of the highlights when the look goes only part of the way', () => {
    const partial: Look = { ...look, strengths: { ...look.strengths, exposure: 0.5 } };
    const own: Look = { ...partial, tone: { ...partial.tone, highlightL: 99 } };
    const scores = scoreBatchMatch([candidate('a', { highlightL: 90 }, { look: partial }), candidate('b', { highlightL: 91 }, { look: partial }), candidate('own', { highlightL: 97 }, { look: own, hasOwnBrightness: true })]);
    expect(scores.get('own')!.differences.find((d) => d.id === 'highlights')!.message).toBe('Highlights: L* 97 (its own brightness: not compared with the batch).');
    expect(scores.get('a')!.differences[0].message).toBe("Highlights: L* 90 (the batch's 90.5).");
  });

  it('flags a white metal off neutral, never a gold one for being yellow', () => {
    const scores = scoreBatchMatch([candidate('silver', { metalB: 4 }, { metal: 'white' }), candidate('gold', { metalB: 30 }, { metal: 'yellow' })]);
    expect(scores.get('silver')!.differences[0].message).toBe('White metal looks yellowish: b* +4, more than 2 from neutral.');
    expect(scores.get('silver')!.score).toBe(50);
    expect(scores.get('gold')!.isOutlier).toBe(false);
  });

  it('flags a fill off the look, against what its margins let it reach', () => {
    const tight: Look = { ...look, framing: { ...look.framing, fill: 0.95, margin: 0.05 } };
    const scores = scoreBatchMatch([candidate('small', { fillPct: 80 }), candidate('capped', { fillPct: 90 }, { look: tight })]);
    expect(scores.get('small')!.differences[0].message).toBe("Piece smaller than the look's: it fills 80 % of the frame against 85 %.");
    // The export check's bar: 1.5 points off fails both.
    expect(scoreBatchMatch([candidate('a', { fillPct: 86.5 })]).get('a')!.isOutlier).toBe(true);
    expect(scores.get('capped')!.differences.find((d) => d.id === 'fill')!.isOff).toBe(false);
  });

  it('scores a photo alone against its look only, and an empty batch to nothing', () => {
    expect(scoreBatchMatch([candidate('a', { highlightL: 95 })]).get('a')!.differences[0].message).toBe('Highlights: L* 95 (the look asks 96).');
    expect(scoreBatchMatch([]).size).toBe(0);
  });
});
