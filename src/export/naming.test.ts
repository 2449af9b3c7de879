// Export naming: extensions, folders stripped, unsafe characters replaced, duplicates numbered.
import { describe, expect, it } from 'vitest';
import { makeExportName, toBaseName } from './naming';

describe('toBaseName', () => {
  it('drops folders and the extension', () => {
    expect(toBaseName('shoot/rings/IMG_0001.HEIC')).toBe('IMG_0001');
    expect(toBaseName('C:\\photos\\ring.final.jpg')).toBe('ring.final');
  });
  it('replaces characters file systems reject and never returns empty', () => {
    expect(toBaseName('a:b*c?.png')).toBe('a_b_c_');
    expect(toBaseName('.jpg')).toBe('image');
    expect(toBaseName('')).toBe('image');
  });
});

describe('makeExportName', () => {
  it('uses the output format extension and numbers duplicates case-insensitively', () => {
    const used = new Set<string>();
    expect(makeExportName('ring.png', 'image/jpeg', used)).toBe('ring.jpg');
    expect(makeExportName('a/RING.jpeg', 'image/jpeg', used)).toBe('RING (2).jpg');
    expect(makeExportName('b/ring.webp', 'image/jpeg', used)).toBe('ring (3).jpg');
    expect(makeExportName('ring.png', 'image/png', used)).toBe('ring.png');
  });
});
