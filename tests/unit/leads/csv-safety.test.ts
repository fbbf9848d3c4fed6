import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseCell, restoreCell } from '../../../src/features/leads/csv-safety';

describe('CSV injection', () => {
  it.each(['=SUM(A1:A9)', '+49301234', '-2+3', '@cmd', '\tx', '\rx', "=HYPERLINK(\"http://evil\",\"x\")"])('neutralises %j and restores it', (v) => {
    const n = neutraliseCell(v);
    expect(n).toBe(`'${v}`);
    expect(restoreCell(n)).toBe(v);
  });
  it.each(['plain', "'quoted already", '', 'a=b', ' =x'])('leaves %j alone', (v) => {
    expect(neutraliseCell(v)).toBe(v);
    expect(restoreCell(v)).toBe(v);
  });
  it('quotes cells that need it and neutralises formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', '=1+1', null, 42, ' pad'])).toBe('a,"b,c","say ""hi""","x\ny",\'=1+1,,42," pad"');
  });
});
