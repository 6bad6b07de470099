import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMcl, parseMcl, readMcl, writeMcl } from '../../src/mc/mcl.js';
import { InputError } from '../../src/util/errors.js';
import { tempDir } from './helpers.js';

describe('.mcl context lists', () => {
  it('writes one number a line and reads it back', () => {
    const file = path.join(tempDir(), 'failing.mcl');
    writeMcl(file, [3, 17, 1200]);
    expect(fs.readFileSync(file, 'utf8')).toBe('3\n17\n1200\n');
    expect(readMcl(file)).toEqual([3, 17, 1200]);
  });

  it('an empty list is an empty file', () => {
    expect(formatMcl([])).toBe('');
    expect(parseMcl('', 'x.mcl')).toEqual([]);
  });

  it('tolerates blank lines, surrounding whitespace and CRLF', () => {
    expect(parseMcl('\n 5 \r\n\t7\t\n\n9   \n\n', 'x.mcl')).toEqual([5, 7, 9]);
  });

  it('reports a bad line with file and line number', () => {
    const err = (() => {
      try {
        parseMcl('1\n2\n\nabc\n', 'fail.mcl');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('fail.mcl:4: not a context number: "abc"');
    expect(() => parseMcl('0\n', 'z.mcl')).toThrow(/z\.mcl:1: context numbers start at 1/);
    expect(() => parseMcl('-3\n', 'z.mcl')).toThrow(/z\.mcl:1: not a context number/);
    expect(() => parseMcl('1 2\n', 'z.mcl')).toThrow(InputError);
    expect(() => parseMcl('99999999999999999999\n', 'z.mcl')).toThrow(InputError);
  });

  it('a missing file is an InputError', () => {
    expect(() => readMcl(path.join(tempDir(), 'none.mcl'))).toThrow(/none\.mcl: cannot open/);
  });
});
