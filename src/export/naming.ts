// Names files inside the export ZIP: from a name template (the source's name by default, or its position, the batch's
// and the look's names), made safe for every file system, with the output format's extension, unique in the archive.
import type { OutputFormat } from '../pipeline/stage';

const extensions: Record<OutputFormat, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The file extension (without the dot) of an output format. */
export function extensionOf(format: OutputFormat): string {
  return extensions[format];
}

/** Names Windows keeps for devices, with or without an extension (NUL.tar.gz is NUL too). */
const reservedNames = /^(con|prn|aux|nul|com[1-9]|lpt[1-9]|conin\$|conout\$)(\..*)?$/i;

/** Longest name made, in UTF-8 bytes, before the extension and any " (2)": every file system takes 255. */
const maxStemBytes = 200;

/** Text cleaned for a file name ('' when nothing is left): control and reserved characters replaced, spaces collapsed, no leading dot or space. */
function cleanFileText(text: string): string {
  return (
    text
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.]+/, '')
      .trimEnd()
  );
}

/** UTF-8 bytes of one character (a code point). */
function measureUtf8Bytes(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** The first characters of `text` that fit in `maxBytes` of UTF-8, never half a character. */
function cutToBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const character of text) {
    bytes += measureUtf8Bytes(character);
    if (bytes > maxBytes) break;
    out += character;
  }
  return out;
}

/**
 * A cleaned name made final for the archive: no leading =, +, - or @ (a spreadsheet would run it as a formula), at most
 * 200 UTF-8 bytes, not a Windows device name.
 */
function finishFileStem(cleaned: string): string {
  const safe = cutToBytes(cleaned.replace(/^[=+\-@]/, '_'), maxStemBytes).trimEnd();
  return reservedNames.test(safe) ? `${safe}_` : safe;
}

/** The file name without folders or extension, cleaned for every OS's file system. */
export function toBaseName(sourceName: string): string {
  const file = sourceName.split(/[\\/]/).pop() ?? '';
  return cleanFileText(file.replace(/\.[^.]*$/, '')) || 'image';
}

/** The template every batch starts with: each file keeps its source's name. */
export const defaultNameTemplate = '{name}';

/** The words a name template may use, each between braces, with what they stand for. */
export const nameTemplateTokens = {
  name: "the photo's own file name, without its extension",
  index: 'its position in the batch: 01, 02… (001… in a batch of 100 or more; removing a photo renumbers those after it)',
  batch: "the batch's name",
  look: "the look's name",
} as const;

export type NameTemplateToken = keyof typeof nameTemplateTokens;

/** What a template's words stand for, for one photo. */
export interface NameFields {
  /** The photo's name as added (folders and extension are dropped). */
  sourceName: string;
  /** Its position in the batch, from 0. */
  index: number;
  /** Photos in the batch (sets the index's digits). */
  count: number;
  batch: string;
  look: string;
}

/** Why `template` cannot name files (a word it does not know, a brace left open, no text at all), or undefined when it can. */
export function findNameTemplateProblem(template: string): string | undefined {
  if (!template.trim()) return 'The file name template is empty: use {name} to keep each photo’s own name.';
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!Object.hasOwn(nameTemplateTokens, match[1])) {
      return `The file name template uses {${match[1]}}, which it does not know: use ${Object.keys(nameTemplateTokens)
        .map((token) => `{${token}}`)
        .join(', ')}.`;
    }
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) return 'The file name template has a brace that is not closed.';
  return undefined;
}

/** The file name (no extension) `template` gives one photo, safe for every file system; the source's name when the template gives nothing. */
export function applyNameTemplate(template: string, fields: NameFields): string {
  const digits = Math.max(2, String(Math.max(1, fields.count)).length);
  const values: Record<NameTemplateToken, string> = {
    name: toBaseName(fields.sourceName),
    index: String(fields.index + 1).padStart(digits, '0'),
    batch: fields.batch,
    look: fields.look,
  };
  const text = template.replace(/\{([^{}]*)\}/g, (whole, token: string) => (Object.hasOwn(values, token) ? values[token as NameTemplateToken] : whole));
  return finishFileStem(cleanFileText(text) || values.name);
}

/**
 * Gives the file name `stem` (already safe: see toExportStem, applyNameTemplate) the format's extension and makes it unique
 * among `usedNames` (case-insensitive, as on Windows and macOS) by adding " (2)", " (3)"… Adds the chosen name to `usedNames`.
 */
export function makeUniqueFileName(stem: string, format: OutputFormat, usedNames: Set<string>): string {
  const extension = extensions[format];
  let name = `${stem}.${extension}`;
  for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = `${stem} (${n}).${extension}`;
  usedNames.add(name.toLowerCase());
  return name;
}

/**
 * The name of a picture's cut-out (PNG), from the picture's own name in the archive: `ring (2).jpg` → `ring (2).png`,
 * so each cut-out reads as its picture's. Two pictures of one stem in two formats (`ring.jpg`, `ring.webp`) keep
 * their extension in the second cut-out's name (`ring.webp.png`).
 */
export function nameCutoutFor(pictureName: string, usedNames: Set<string>): string {
  const stem = pictureName.replace(/\.[^.]*$/, '');
  if (!usedNames.has(`${stem}.png`.toLowerCase())) return makeUniqueFileName(stem, 'image/png', usedNames);
  return makeUniqueFileName(pictureName, 'image/png', usedNames);
}

/** A picture's name in the archive (no extension) when it keeps its source's name. */
export function toExportStem(sourceName: string): string {
  return finishFileStem(toBaseName(sourceName));
}

/** makeUniqueFileName for a source's own name. */
export function makeExportName(sourceName: string, format: OutputFormat, usedNames: Set<string>): string {
  return makeUniqueFileName(toExportStem(sourceName), format, usedNames);
}
