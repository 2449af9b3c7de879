// Generated jewelry photos (JPEG buffers) for the end-to-end specs, with the ground truth they were drawn from.
import { encodeJpeg } from '../../support/codecs';
import { renderChainScene } from '../../support/chain-scene';
import { renderRingScene } from '../../support/ring-scene';

export interface PhotoFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Three different pieces: silver ring on linen, gold ring on wood, a chain with a pendant on paper. */
export function makeSamplePhotos(): PhotoFile[] {
  const scenes = [
    { name: 'silver-ring-linen.jpg', scene: renderRingScene({ widthPx: 900, heightPx: 700, seed: 11, metal: 'silver', backdrop: 'linen' }) },
    { name: 'gold-ring-wood.jpg', scene: renderRingScene({ widthPx: 800, heightPx: 800, seed: 23, metal: 'gold', backdrop: 'wood', hasStone: true }) },
    { name: 'chain-pendant-paper.jpg', scene: renderChainScene({ widthPx: 720, heightPx: 900, seed: 5 }) },
  ];
  return scenes.map(({ name, scene }) => ({ name, mimeType: 'image/jpeg', buffer: Buffer.from(encodeJpeg(scene.image, 92)) }));
}

/** A file that claims to be a JPEG but is cut off after its header: no browser can decode it. */
export function makeCorruptPhoto(name = 'broken-upload.jpg'): PhotoFile {
  const good = makeSamplePhotos()[0].buffer;
  const truncated = Buffer.concat([good.subarray(0, 600), Buffer.from('this is not image data'.repeat(20))]);
  return { name, mimeType: 'image/jpeg', buffer: truncated };
}
