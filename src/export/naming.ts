// Names files inside the export ZIP: from the source name, with the output format's extension, unique in the archive.
import type { OutputFormat } from '../pipeline/stage';

const extensions: Record<OutputFormat, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The file extension (without the dot) of an output format. */
export function extensionOf(format: OutputFormat): string {
  return extensions[format];
}

/** The file name without folders or extension, made safe for every OS's file system. */
export function toBaseName(sourceName: string): string {
  const file = sourceName.split(/[\\/]/).pop() ?? '';
  const stem = file.replace(/\.[^.]*$/, '');
  const safe = stem
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[<>:"|?*\u0000-\u001f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return safe || 'image';
}

/**
 * Gives `sourceName` the format's extension and makes it unique among `usedNames` (case-insensitive,
 * as on Windows and macOS) by adding " (2)", " (3)"… Adds the chosen name to `usedNames`.
 */
export function makeExportName(sourceName: string, format: OutputFormat, usedNames: Set<string>): string {
  const base = toBaseName(sourceName);
  const extension = extensions[format];
  let name = `${base}.${extension}`;
  for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = `${base} (${n}).${extension}`;
  usedNames.add(name.toLowerCase());
  return name;
}
