// Reads a look from JSON (a file, the command line, an import) with one clear message per problem, migrating older versions.
import { defaultTone, fullStrengths, noShadow, type Look, type LookBackground, type LookShadow, type Rgb } from './look';
import { lookPresets } from './look-presets';
import type { OutputFormat } from './stage';

/** Looks known by name (`npm run retouch -- --look NAME`): the presets, plus `white`, the foundation look. */
export const namedLooks: Readonly<Record<string, Look>> = Object.fromEntries(lookPresets.map((preset) => [preset.id, preset.look]));

const formats: readonly OutputFormat[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Short format names for people (`--format jpeg`) and their MIME types. */
export const formatByName: Readonly<Record<string, OutputFormat>> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export class LookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookError';
  }
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readNumber(value: unknown, path: string, min: number, max: number, isInteger = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (isInteger && !Number.isInteger(value))) {
    throw new LookError(`${path} must be ${isInteger ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return value;
}

function readSection(value: Json, key: string, isOptional = false): Json {
  const section = value[key];
  if (section === undefined && isOptional) return {};
  if (!isRecord(section)) throw new LookError(`"${key}" is missing or is not an object.`);
  return section;
}

function readRgb(value: unknown, path: string): Rgb {
  if (!Array.isArray(value) || value.length !== 3) throw new LookError(`${path} must be three numbers, 0..255.`);
  return [0, 1, 2].map((c) => readNumber(value[c], `${path}[${c}]`, 0, 255, true)) as Rgb;
}

function readBackground(section: Json): LookBackground {
  if (section.kind === 'solid') return { kind: 'solid', rgb: readRgb(section.rgb, 'background.rgb') };
  if (section.kind === 'gradient') {
    return { kind: 'gradient', topRgb: readRgb(section.topRgb, 'background.topRgb'), bottomRgb: readRgb(section.bottomRgb, 'background.bottomRgb') };
  }
  throw new LookError(`background.kind must be "solid" or "gradient" (got ${JSON.stringify(section.kind)}).`);
}

function readShadow(section: Json): LookShadow {
  if (section.kind === undefined || section.kind === 'none') return noShadow;
  if (section.kind !== 'contact' && section.kind !== 'drop') throw new LookError(`shadow.kind must be "none", "contact" or "drop" (got ${JSON.stringify(section.kind)}).`);
  return {
    kind: section.kind,
    opacity: readNumber(section.opacity ?? 0.35, 'shadow.opacity', 0, 1),
    softness: readNumber(section.softness ?? 0.04, 'shadow.softness', 0, 0.5),
    offsetX: readNumber(section.offsetX ?? 0, 'shadow.offsetX', -1, 1),
    offsetY: readNumber(section.offsetY ?? 0, 'shadow.offsetY', -1, 1),
  };
}

/** Version 1 had no shadow, tone, strengths or margin: it reads as version 2 with the defaults. */
function migrate(value: Json): Json {
  if (value.schemaVersion === 1) return { ...value, schemaVersion: 2 };
  return value;
}

/** Checks a parsed JSON value against the Look schema (versions 1 and 2); throws a LookError naming the first bad field. */
export function parseLook(input: unknown): Look {
  if (!isRecord(input)) throw new LookError('A look is a JSON object.');
  const value = migrate(input);
  if (value.schemaVersion !== 2) throw new LookError(`Unknown look schemaVersion ${JSON.stringify(value.schemaVersion)}; this version of Lustre reads 1 and 2.`);
  const name = typeof value.name === 'string' && value.name.trim() ? value.name.trim() : 'Custom look';
  const output = readSection(value, 'output');
  const format = output.format;
  if (typeof format !== 'string' || !formats.includes(format as OutputFormat)) {
    throw new LookError(`output.format must be one of ${formats.join(', ')} (got ${JSON.stringify(format)}).`);
  }
  const framing = readSection(value, 'framing');
  const tone = readSection(value, 'tone', true);
  const strengths = readSection(value, 'strengths', true);
  return {
    schemaVersion: 2,
    name,
    output: {
      widthPx: readNumber(output.widthPx, 'output.widthPx', 16, 8192, true),
      heightPx: readNumber(output.heightPx, 'output.heightPx', 16, 8192, true),
      format: format as OutputFormat,
      quality: readNumber(output.quality ?? 0.92, 'output.quality', 0, 1),
    },
    background: readBackground(readSection(value, 'background')),
    framing: {
      fill: readNumber(framing.fill, 'framing.fill', 0.05, 1),
      anchorX: readNumber(framing.anchorX ?? 0.5, 'framing.anchorX', 0, 1),
      anchorY: readNumber(framing.anchorY ?? 0.5, 'framing.anchorY', 0, 1),
      margin: readNumber(framing.margin ?? 0.02, 'framing.margin', 0, 0.45),
    },
    shadow: readShadow(readSection(value, 'shadow', true)),
    tone: {
      highlightL: readNumber(tone.highlightL ?? defaultTone.highlightL, 'tone.highlightL', 0, 100),
      contrast: readNumber(tone.contrast ?? defaultTone.contrast, 'tone.contrast', 0.5, 1.5),
      saturation: readNumber(tone.saturation ?? defaultTone.saturation, 'tone.saturation', 0, 2),
    },
    strengths: Object.fromEntries(
      (Object.keys(fullStrengths) as (keyof typeof fullStrengths)[]).map((key) => [key, readNumber(strengths[key] ?? fullStrengths[key], `strengths.${key}`, 0, 1)]),
    ) as unknown as Look['strengths'],
  };
}
