import { parseIsoDay, parseRecordDate } from './dates';

describe('dates', () => {
  it('accepts real calendar days only', () => {
    expect(parseIsoDay('1912-02-29')).toEqual({ date: '1912-02-29', year: 1912 });
    expect(parseIsoDay('1913-02-29')).toBeUndefined();
    expect(parseIsoDay('1905-02-30')).toBeUndefined();
    expect(parseIsoDay('1905-13-01')).toBeUndefined();
    expect(parseIsoDay('05-02-1905')).toBeUndefined();
  });

  it('reads record dates at day, month or year precision', () => {
    expect(parseRecordDate('1921-06-01T10:00:00Z')).toEqual({ date: '1921-06-01', year: 1921 });
    expect(parseRecordDate('1921-06')).toEqual({ date: null, year: 1921 });
    expect(parseRecordDate(1921)).toEqual({ date: null, year: 1921 });
    expect(parseRecordDate('1921-00')).toBeUndefined();
    expect(parseRecordDate('June 1921')).toBeUndefined();
  });
});
