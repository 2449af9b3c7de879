// The export ZIP's manifest.csv: one row per picture in the archive (its file name there, the photo it was made from,
// the batch's look and whether the picture was made with it, size, metal, whether it is ready to upload and why not,
// and how well it matches the batch), for a marketplace's bulk upload or a spreadsheet.
import type { BatchMatch } from '../pipeline/batch-match';
import type { ExportCheck, PackshotCheck, ResultFacts } from '../pipeline/result-facts';

/** What the manifest says of one picture, besides its name and size in the archive. */
export interface ManifestFacts {
  /** The photo's name as the user added it. */
  sourceName: string;
  /** Its position in the batch, from 0. */
  index: number;
  look: string;
  /** Whether the picture was made with the look and adjustments its photo has now (false: made with an earlier look). */
  isCurrent: boolean;
  widthPx: number;
  heightPx: number;
  metal?: string;
  /** The finished file's checks against its look (absent on results made before the checks). */
  exportChecks?: readonly ExportCheck[];
  /** Reasons to look at the photo before using it. */
  checks?: readonly PackshotCheck[];
  /** How well it matches the batch and its look (absent when not scored: stale, or made before pieces were measured). */
  match?: BatchMatch;
}

/** The manifest's facts of a finished photo (its name and position as added, its result's facts). */
export function describeForManifest(
  photo: { name: string; index: number; result: Pick<ResultFacts, 'widthPx' | 'heightPx' | 'metal' | 'exportChecks' | 'checks'> },
  look: string,
  isCurrent: boolean,
  match?: BatchMatch,
): ManifestFacts {
  const { widthPx, heightPx, metal, exportChecks, checks } = photo.result;
  return { sourceName: photo.name, index: photo.index, look, isCurrent, widthPx, heightPx, metal, exportChecks, checks, match };
}

export interface ManifestRow {
  /** The picture's name in the archive. */
  fileName: string;
  sizeBytes: number;
  /** Its cut-out's path in the archive, when it has one there. */
  cutoutName?: string;
  facts: ManifestFacts;
}

/** The manifest's name in an archive: one per archive, named for its part when a batch comes in several (unzipped together, none overwrites another). */
export function nameManifest(part: number, parts: number): string {
  return parts === 1 ? 'manifest.csv' : `manifest-part-${part}-of-${parts}.csv`;
}

const columns = ['file', 'source', 'position', 'look', 'made_with_this_look', 'width_px', 'height_px', 'file_bytes', 'metal', 'ready_to_upload', 'not_ready_because', 'check_because', 'match_score', 'unlike_batch_because', 'cutout_file'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space. Text a spreadsheet would run
 * as a formula (starting with =, +, @, a tab or a carriage return) gets a leading apostrophe, as OWASP advises.
 */
function formatField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whether the file passed its checks: yes, no, or not checked (made before the checks, or not decodable to check). */
function describeReadiness(checks: readonly ExportCheck[] | undefined): { ready: string; because: string } {
  if (!checks || checks.length === 0) return { ready: 'not checked', because: '' };
  const failed = checks.filter((check) => !check.pass);
  if (checks.some((check) => check.id === 'decoded')) return { ready: 'not checked', because: failed.map((check) => check.message).join(' ') };
  return failed.length === 0 ? { ready: 'yes', because: '' } : { ready: 'no', because: failed.map((check) => check.message).join(' ') };
}

/** The manifest of `rows`, in their order: a header line, then one line per picture, CRLF line ends (RFC 4180). */
export function formatManifestCsv(rows: readonly ManifestRow[]): string {
  const lines = [columns.join(',')];
  for (const { fileName, sizeBytes, cutoutName, facts } of rows) {
    const { ready, because } = describeReadiness(facts.exportChecks);
    const fields = [
      fileName,
      facts.sourceName,
      facts.index + 1,
      facts.look,
      facts.isCurrent ? 'yes' : 'no',
      facts.widthPx,
      facts.heightPx,
      sizeBytes,
      facts.metal ?? '',
      ready,
      because,
      (facts.checks ?? []).map((check) => check.message).join(' '),
      facts.match?.score ?? '',
      (facts.match?.differences ?? []).filter((difference) => difference.isOff).map((difference) => difference.message).join(' '),
      cutoutName ?? '',
    ];
    lines.push(fields.map(formatField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
