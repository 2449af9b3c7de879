// The preset looks a batch can start from: marketplace main images, a soft Etsy look, and a dark luxury look.
import { defaultTone, fullStrengths, noShadow, whiteCatalogLook, type Look } from './look';

export interface LookPreset {
  /** Stable id (stored, and `--look ID` on the command line). */
  id: string;
  look: Look;
  /** One line for people choosing it. */
  description: string;
}

const softContactShadow = { kind: 'contact', opacity: 0.28, softness: 0.035, offsetX: 0, offsetY: 0.015 } as const;

export const lookPresets: readonly LookPreset[] = [
  {
    id: 'white',
    look: whiteCatalogLook,
    description: 'Pure white, 2000 px square, piece at 85 %, no shadow.',
  },
  {
    id: 'amazon',
    description: 'Amazon main image: pure white (255), the piece fills 87 % (Amazon asks ≥ 85 %), 2000 px JPEG, no shadow.',
    look: {
      ...whiteCatalogLook,
      name: 'Amazon main image',
      framing: { fill: 0.87, anchorX: 0.5, anchorY: 0.5, margin: 0.02 },
      shadow: noShadow,
    },
  },
  {
    id: 'etsy',
    description: 'Etsy: 2000 px square on a soft neutral, the piece inside the centre so 4:3 and 5:4 thumbnails never cut it, soft contact shadow.',
    look: {
      schemaVersion: 2,
      name: 'Etsy soft neutral',
      output: { widthPx: 2000, heightPx: 2000, format: 'image/jpeg', quality: 0.92 },
      background: { kind: 'solid', rgb: [242, 240, 236] },
      // A 4:3 thumbnail keeps the middle 75 % of the height: fill 70 % with a 12.5 % margin stays inside it.
      framing: { fill: 0.7, anchorX: 0.5, anchorY: 0.5, margin: 0.13 },
      shadow: softContactShadow,
      tone: defaultTone,
      strengths: fullStrengths,
    },
  },
  {
    id: 'shopify',
    description: 'Shopify: 2048 px square, white, piece at 80 % with a soft contact shadow.',
    look: {
      ...whiteCatalogLook,
      name: 'Shopify 2048',
      output: { ...whiteCatalogLook.output, widthPx: 2048, heightPx: 2048 },
      framing: { fill: 0.8, anchorX: 0.5, anchorY: 0.5, margin: 0.04 },
      shadow: softContactShadow,
    },
  },
  {
    id: 'ebay',
    description: 'eBay: 1600 px square, white, piece at 85 %, no shadow.',
    look: {
      ...whiteCatalogLook,
      name: 'eBay 1600',
      output: { ...whiteCatalogLook.output, widthPx: 1600, heightPx: 1600 },
    },
  },
  {
    id: 'dark-luxury',
    description: 'Dark luxury: charcoal sweep, piece at 72 % a little above centre, soft drop shadow, crisp highlights.',
    look: {
      schemaVersion: 2,
      name: 'Dark luxury',
      output: { widthPx: 2000, heightPx: 2000, format: 'image/jpeg', quality: 0.94 },
      background: { kind: 'gradient', topRgb: [58, 58, 63], bottomRgb: [18, 18, 21] },
      framing: { fill: 0.72, anchorX: 0.5, anchorY: 0.47, margin: 0.06 },
      shadow: { kind: 'drop', opacity: 0.55, softness: 0.06, offsetX: 0, offsetY: 0.04 },
      tone: { highlightL: 94, contrast: 1.1, saturation: 1.05 },
      strengths: fullStrengths,
    },
  },
];

/** The preset with this id, or undefined. */
export function findLookPreset(id: string): LookPreset | undefined {
  return lookPresets.find((preset) => preset.id === id);
}
