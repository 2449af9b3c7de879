import { describe, expect, it } from 'vitest';
import { parseRetouchArgs, UsageError } from './args';

describe('parseRetouchArgs', () => {
  it('reads inputs, the output folder and the defaults', () => {
    expect(parseRetouchArgs(['photos', 'one.jpg', '--out', '/tmp/out'])).toEqual({
      inputs: ['photos', 'one.jpg'],
      outDir: '/tmp/out',
      look: 'white',
      backend: 'wasm',
      format: undefined,
      size: undefined,
      cutouts: false,
      quality: false,
      workers: undefined,
      isVerbose: false,
    });
  });

  it('reads every option', () => {
    const args = parseRetouchArgs(['a', '--out=o', '--look', 'look.json', '--backend', 'webgpu', '--format', 'PNG', '--size', '1600x1200', '--cutouts', '--quality', '--workers', '2', '--verbose']);
    expect(args).toMatchObject({ look: 'look.json', backend: 'webgpu', format: 'image/png', size: { widthPx: 1600, heightPx: 1200 }, cutouts: true, quality: true, workers: 2, isVerbose: true });
    expect(parseRetouchArgs(['a', '--out', 'o', '--size', '2000'])?.size).toEqual({ widthPx: 2000, heightPx: 2000 });
  });

  it('returns null for --help', () => {
    expect(parseRetouchArgs(['--help'])).toBeNull();
  });

  it.each([
    [['--out', 'o'], 'Give at least one photo or folder.'],
    [['a'], 'Give an output folder with --out DIR.'],
    [['a', '--out', 'o', '--backend', 'cuda'], '--backend must be wasm or webgpu'],
    [['a', '--out', 'o', '--format', 'gif'], '--format must be jpeg, png or webp'],
    [['a', '--out', 'o', '--size', '10'], '--size must be N or WxH'],
    [['a', '--out', 'o', '--workers', '0'], '--workers must be a whole number'],
    [['a', '--out', 'o', '--colour'], "Unknown option '--colour'"],
  ])('explains bad arguments (%#)', (argv, message) => {
    expect(() => parseRetouchArgs(argv)).toThrow(UsageError);
    expect(() => parseRetouchArgs(argv)).toThrow(message);
  });
});
