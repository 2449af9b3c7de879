// Reads a look from JSON (a file, the command line, an import) with one clear message per problem; and the named looks.
import { whiteCatalogLook, type Look } from './look';
import type { OutputFormat } from './stage';

/** Looks known by name (`npm run retouch -- --look NAME`). */
export const namedLooks: Readonly<Record<string, Look>> = { white: whiteCatalogLook };

const formats: readonly OutputFormat[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Short format names for people (`--format jpeg`) and their MIME types. */
export const formatByName: Readonly<Record<string, OutputFormat>> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export class LookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readNumber(value: unknown, path: string, min: number, max: number, isInteger = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (isInteger && !Number.isInteger(value))) {
    throw new LookError(`${path} must be ${isInteger ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return value;
}

function readSection(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const section = value[key];
  if (!isRecord(section)) throw new LookError(`"${key}" is missing or is not an object.`);
  return section;
}

/** Checks a parsed JSON value against the Look schema (version 1); throws a LookError naming the first bad field. */
export function parseLook(value: unknown): Look {
  if (!isRecord(value)) throw new LookError('A look is a JSON object.');
  if (value.schemaVersion !== 1) throw new LookError(`Unknown look schemaVersion ${JSON.stringify(value.schemaVersion)}; this version of Lustre reads 1.`);
  const name = typeof value.name === 'string' && value.name.trim() ? value.name.trim() : 'Custom look';
  const output = readSection(value, 'output');
  const format = output.format;
  if (typeof format !== 'string' || !formats.includes(format as OutputFormat)) {
    throw new LookError(`output.format must be one of ${formats.join(', ')} (got ${JSON.stringify(format)}).`);
  }
  const background = readSection(value, 'background');
  if (background.kind !== 'solid') throw new LookError(`background.kind must be "solid" (got ${JSON.stringify(background.kind)}).`);
  const rgb = background.rgb;
  if (!Array.isArray(rgb) || rgb.length !== 3) throw new LookError('background.rgb must be three numbers, 0..255.');
  const framing = readSection(value, 'framing');
  return {
    schemaVersion: 1,
    name,
    output: {
      widthPx: readNumber(output.widthPx, 'output.widthPx', 16, 8192, true),
      heightPx: readNumber(output.heightPx, 'output.heightPx', 16, 8192, true),
      format: format as OutputFormat,
      quality: readNumber(output.quality ?? 0.92, 'output.quality', 0, 1),
    },
    background: {
      kind: 'solid',
      rgb: [0, 1, 2].map((c) => readNumber(rgb[c], `background.rgb[${c}]`, 0, 255, true)) as [number, number, number],
    },
    framing: {
      fill: readNumber(framing.fill, 'framing.fill', 0.05, 1),
      anchorX: readNumber(framing.anchorX ?? 0.5, 'framing.anchorX', 0, 1),
      anchorY: readNumber(framing.anchorY ?? 0.5, 'framing.anchorY', 0, 1),
    },
  };
}
