import { InvalidJobDataError, onlyChildValue, parseEvaluation, parseRunParams, parseStageJobData } from './job-data';

describe('job data parsing', () => {
  const valid = {
    pipelineRunId: 'r',
    attempt: 1,
    stage: 'train',
    corpus: 'c',
    params: {
      source: '/x',
      format: 'csv',
      searchSpace: { topics: [5] },
      lda: { iterations: 20, bogus: 1 },
      extra: 'dropped',
    },
    candidate: { seed: 0, topics: 5, passes: 1 },
  };

  it('accepts well-formed stage data and keeps only known parameters', () => {
    expect(parseStageJobData(valid)).toEqual({
      ...valid,
      params: { source: '/x', format: 'csv', searchSpace: { topics: [5] }, lda: { iterations: 20 } },
    });
  });

  it('names the field that is wrong', () => {
    expect(() => parseStageJobData({ ...valid, stage: 'deploy' })).toThrow(
      /"stage" must be one of ingest, preprocess, train, evaluate/,
    );
    expect(() => parseStageJobData({ ...valid, attempt: 0 })).toThrow(/"attempt" must be a positive integer/);
    expect(() => parseStageJobData({ ...valid, candidate: { seed: 1, topics: 'ten', passes: 1 } })).toThrow(
      InvalidJobDataError,
    );
    expect(() => parseStageJobData('nonsense')).toThrow(/not an object/);
  });

  it('drops malformed run parameters instead of passing them on', () => {
    expect(parseRunParams({ source: 42, format: 'xml', searchSpace: { topics: ['a'] } })).toEqual({ searchSpace: {} });
  });

  it('reads the evaluate summary and rejects one without a verdict', () => {
    expect(parseEvaluation({ model_version: '3', c_v: 0.4, kpi_ok: true, promoted: false, u_mass: -2 })).toEqual({
      model_version: '3',
      c_v: 0.4,
      kpi_ok: true,
      promoted: false,
    });
    expect(() => parseEvaluation({ model_version: '3', c_v: 0.4, promoted: false })).toThrow(
      /"kpi_ok" must be a boolean/,
    );
  });

  it('takes the single child value of a flow job', () => {
    expect(onlyChildValue({})).toBeNull();
    expect(onlyChildValue({ 'p:train:1': { model_version: '1' } })).toEqual({ model_version: '1' });
    expect(() => onlyChildValue({ a: {}, b: {} })).toThrow(/expected one child, found 2/);
  });
});
