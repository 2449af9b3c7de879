// The export's manifest.csv: one row per picture, RFC 4180 quoting, readiness from the export checks, no formulas.
import { describe, expect, it } from 'vitest';
import type { ExportCheck } from '../pipeline/result-facts';
import { describeForManifest, formatManifestCsv, type ManifestFacts } from './manifest';

const passing: ExportCheck[] = [
  { id: 'size', pass: true, message: 'Size: 2000 × 2000 px, as the look asks.' },
  { id: 'fill', pass: true, message: 'Fill: 85.0 %.' },
];
const facts: ManifestFacts = { sourceName: 'IMG_1.jpg', index: 0, look: 'White catalog 2000', isCurrent: true, widthPx: 2000, heightPx: 2000, metal: 'white', exportChecks: passing, checks: [] };

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('formatManifestCsv', () => {
  it('writes a header and one row per picture, with CRLF line ends', () => {
    const csv = formatManifestCsv([
      { fileName: 'IMG_1.jpg', sizeBytes: 412_345, facts },
      { fileName: 'IMG_2.jpg', sizeBytes: 398_000, facts: { ...facts, sourceName: 'IMG_2.png', index: 1, metal: undefined, isCurrent: false } },
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['file', 'source', 'position', 'look', 'made_with_this_look', 'width_px', 'height_px', 'file_bytes', 'metal', 'ready_to_upload', 'not_ready_because', 'check_because', 'match_score', 'unlike_batch_because', 'cutout_file']);
    expect(rows[1]).toEqual(['IMG_1.jpg', 'IMG_1.jpg', '1', 'White catalog 2000', 'yes', '2000', '2000', '412345', 'white', 'yes', '', '', '', '', '']);
    expect(rows[2].slice(0, 5)).toEqual(['IMG_2.jpg', 'IMG_2.png', '2', 'White catalog 2000', 'no']);
    expect(rows[2][8]).toBe('');
    expect(rows).toHaveLength(3);
  });

  it('quotes commas, quotes and line breaks, and keeps a name a spreadsheet would run as a formula as text', () => {
    const csv = formatManifestCsv([{ fileName: '=HYPERLINK("x").jpg', sizeBytes: 1, facts: { ...facts, sourceName: 'ring, "gold"\nv2.jpg', look: ' Dark ' } }]);
    const [, row] = parseCsv(csv);
    expect(row[0]).toBe(`'=HYPERLINK("x").jpg`);
    expect(parseCsv(formatManifestCsv([{ fileName: 'a.jpg', sizeBytes: 1, facts: { ...facts, look: '-2+3' } }]))[1][3]).toBe(`'-2+3`);
    expect(row[1]).toBe('ring, "gold"\nv2.jpg');
    expect(row[3]).toBe(' Dark ');
  });

  it('says why a file is not ready, and what to check, from the checks', () => {
    const failing: ExportCheck[] = [...passing, { id: 'background', pass: false, message: 'Background: 12 pixels are not pure white.' }];
    const [, row] = parseCsv(
      formatManifestCsv([
        { fileName: 'a.jpg', sizeBytes: 1, facts: { ...facts, exportChecks: failing, checks: [{ code: 'touches-edge', message: 'The cut-out runs off the edge of the photo.' }] } },
      ]),
    );
    expect(row.slice(9, 12)).toEqual(['no', 'Background: 12 pixels are not pure white.', 'The cut-out runs off the edge of the photo.']);
  });

  it('gives the match score and says why a picture is unlike the batch, only the measures past their bar', () => {
    const match = {
      score: 42,
      isOutlier: true,
      differences: [
        { id: 'highlights' as const, ratio: 2.3, isOff: true, message: 'Highlights darker than the batch: L* 89.' },
        { id: 'fill' as const, ratio: 0, isOff: false, message: 'Fill: 85 % of the frame.' },
      ],
    };
    const [, row] = parseCsv(formatManifestCsv([{ fileName: 'a.jpg', sizeBytes: 1, cutoutName: 'cutouts/a.png', facts: { ...facts, match } }]));
    expect(row.slice(12)).toEqual(['42', 'Highlights darker than the batch: L* 89.', 'cutouts/a.png']);
  });

  it('says "not checked" for a result made before the checks, or a file that could not be decoded to check it', () => {
    const undecoded: ExportCheck[] = [{ id: 'decoded', pass: false, message: 'Not checked: the file could not be decoded.' }];
    const rows = parseCsv(
      formatManifestCsv([
        { fileName: 'old.jpg', sizeBytes: 1, facts: { ...facts, exportChecks: undefined } },
        { fileName: 'odd.jpg', sizeBytes: 1, facts: { ...facts, exportChecks: undecoded } },
      ]),
    );
    expect(rows[1].slice(9, 11)).toEqual(['not checked', '']);
    expect(rows[2].slice(9, 11)).toEqual(['not checked', 'Not checked: the file could not be decoded.']);
  });
});

describe('describeForManifest', () => {
  it('takes the photo’s name and position and its result’s facts', () => {
    const described = describeForManifest({ name: 'a/b.jpg', index: 3, result: { widthPx: 1600, heightPx: 1600, metal: 'yellow', exportChecks: passing, checks: [] } }, 'eBay 1600', false);
    expect(described).toEqual({ sourceName: 'a/b.jpg', index: 3, look: 'eBay 1600', isCurrent: false, widthPx: 1600, heightPx: 1600, metal: 'yellow', exportChecks: passing, checks: [], match: undefined });
  });
});
