// Runs in: Node. Resolves --look (a name or a .json file) and applies --format and --size on top.
import { existsSync, readFileSync } from 'node:fs';
import type { Look } from '../pipeline/look';
import { LookError, namedLooks, parseLook } from '../pipeline/look-json';
import type { RetouchArgs } from './args';

export function resolveLook(args: Pick<RetouchArgs, 'look' | 'format' | 'size'>): Look {
  let look: Look;
  const named = namedLooks[args.look.toLowerCase()];
  if (named) {
    look = named;
  } else if (existsSync(args.look)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(args.look, 'utf8'));
    } catch (error) {
      throw new LookError(`${args.look} is not valid JSON: ${(error as Error).message}`);
    }
    try {
      look = parseLook(json);
    } catch (error) {
      throw new LookError(`${args.look}: ${(error as Error).message}`);
    }
  } else {
    throw new LookError(`Unknown look "${args.look}": use one of ${Object.keys(namedLooks).join(', ')} or a path to a look .json file.`);
  }
  return {
    ...look,
    output: {
      ...look.output,
      ...(args.format ? { format: args.format } : {}),
      ...(args.size ?? {}),
    },
  };
}
