// Export naming: extensions, folders stripped, unsafe characters replaced, duplicates numbered.
import { describe, expect, it } from 'vitest';
import { applyNameTemplate, defaultNameTemplate, findNameTemplateProblem, makeExportName, makeUniqueFileName, nameCutoutFor, toBaseName } from './naming';

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

describe('nameCutoutFor', () => {
  it("names a cut-out after its picture's name in the archive, keeping the picture's extension when two formats share a stem", () => {
    const used = new Set<string>();
    expect(nameCutoutFor('ring (2).jpg', used)).toBe('ring (2).png');
    expect(nameCutoutFor('ring.jpg', used)).toBe('ring.png');
    expect(nameCutoutFor('ring.webp', used)).toBe('ring.webp.png');
    expect(nameCutoutFor('RING.png', used)).toBe('RING.png.png');
  });
});

describe('name templates', () => {
  const fields = { sourceName: 'shoot/IMG_0042.HEIC', index: 6, count: 120, batch: 'Spring rings', look: 'White catalog 2000' };

  it('keeps the photo’s own name by default', () => {
    expect(applyNameTemplate(defaultNameTemplate, fields)).toBe('IMG_0042');
  });

  it('fills in the position (as many digits as the batch needs, 2 at least), the batch and the look', () => {
    expect(applyNameTemplate('{batch}-{index}', fields)).toBe('Spring rings-007');
    expect(applyNameTemplate('{index}_{name}_{look}', { ...fields, count: 9 })).toBe('07_IMG_0042_White catalog 2000');
  });

  it('makes what it gives safe as a file name, and falls back to the photo’s name when nothing is left', () => {
    expect(applyNameTemplate('{batch}/{name}', { ...fields, batch: 'Rings: 2026?' })).toBe('Rings_ 2026__IMG_0042');
    expect(applyNameTemplate('  ', fields)).toBe('IMG_0042');
    expect(applyNameTemplate('..{look}', { ...fields, look: '' })).toBe('IMG_0042');
  });

  it('keeps names out of a spreadsheet’s formulas, Windows’ device names and overlong paths', () => {
    expect(applyNameTemplate('{look}', { ...fields, look: '=HYPERLINK("x")' })).toBe('_HYPERLINK(_x_)');
    expect(applyNameTemplate('-{index}', fields)).toBe('_007');
    expect(applyNameTemplate('{look}', { ...fields, look: 'con' })).toBe('con_');
    expect(applyNameTemplate('. {name}', fields)).toBe('IMG_0042');
    expect(applyNameTemplate('{look}', { ...fields, look: 'NUL.tar' })).toBe('NUL.tar_');
    expect(applyNameTemplate('{batch}', { ...fields, batch: 'x'.repeat(400) })).toHaveLength(200);
    // Cut by UTF-8 bytes, never inside a character: 66 three-byte characters, and no half emoji.
    expect(applyNameTemplate('{batch}', { ...fields, batch: '指輪'.repeat(100) })).toHaveLength(66);
    const emoji = applyNameTemplate('{batch}', { ...fields, batch: `${'x'.repeat(198)}😀😀` });
    expect(emoji).toBe('x'.repeat(198));
  });

  it('applies the first-character rules to the whole name only, not to a word inside it', () => {
    expect(applyNameTemplate('ring-{name}', { ...fields, sourceName: '-2.jpg' })).toBe('ring--2');
    expect(applyNameTemplate('{name}-{index}', { ...fields, sourceName: 'con.jpg' })).toBe('con-007');
    expect(applyNameTemplate('{name}', { ...fields, sourceName: 'con.jpg' })).toBe('con_');
    expect(makeExportName('=1+1.jpg', 'image/jpeg', new Set())).toBe('_1+1.jpg');
    expect(toBaseName('-1.jpg')).toBe('-1');
  });

  it('says what is wrong with a template it cannot use', () => {
    expect(findNameTemplateProblem('{constructor}')).toMatch(/does not know/);
    expect(findNameTemplateProblem('{toString}-{__proto__}')).toMatch(/does not know/);
    expect(findNameTemplateProblem('{name}')).toBeUndefined();
    expect(findNameTemplateProblem('SKU-{index}')).toBeUndefined();
    expect(findNameTemplateProblem('{sku}-{index}')).toMatch(/\{sku\}, which it does not know: use \{name\}, \{index\}, \{batch\}, \{look\}/);
    expect(findNameTemplateProblem('{name')).toMatch(/brace that is not closed/);
    expect(findNameTemplateProblem(' ')).toMatch(/empty/);
  });

  it('numbers a name the template gives twice', () => {
    const used = new Set<string>();
    expect(makeUniqueFileName('Spring rings', 'image/jpeg', used)).toBe('Spring rings.jpg');
    expect(makeUniqueFileName('Spring rings', 'image/jpeg', used)).toBe('Spring rings (2).jpg');
  });
});
