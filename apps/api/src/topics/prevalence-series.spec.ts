import { prevalenceSeries } from './prevalence-series';
import { TopicAggregator, TopicRow, sharesOf } from './topic-aggregates';

function row(documentId: number, theta: number[], weight: number, year: number | null, publicationRef: string | null): TopicRow {
  return { documentId, theta, weight, year, publicationRef, publicationName: publicationRef ? `Paper ${publicationRef}` : null };
}

const ROWS = [
  row(1, [0.9, 0.1], 100, 1910, 'a'),
  row(2, [0.1, 0.9], 300, 1910, 'b'),
  row(3, [0.5, 0.5], 200, 1912, 'a'),
  row(4, [0.2, 0.8], 0, 1912, 'a'),
  row(5, [1, 0], 50, null, null),
];

function aggregate() {
  const aggregator = new TopicAggregator(2, 2);
  ROWS.forEach((r) => aggregator.add(r));
  return aggregator.finish();
}

describe('topic aggregates', () => {
  it('weights each document by its token count', () => {
    const aggregates = aggregate();
    // topic 0: (0.9·100 + 0.1·300 + 0.5·200 + 0 + 1·50) / 650
    expect(sharesOf(aggregates.overall)[0]).toBeCloseTo(270 / 650, 12);
    expect(aggregates.overall.documents).toBe(5);
  });

  it('keeps the most representative documents per topic, best first', () => {
    const { representative } = aggregate();
    expect(representative[0]).toEqual([
      { documentId: 5, probability: 1 },
      { documentId: 1, probability: 0.9 },
    ]);
    expect(representative[1].map((d) => d.documentId)).toEqual([2, 4]);
  });

  it('gives series per year with rolling windows pooled over calendar years', () => {
    const series = prevalenceSeries(aggregate(), 'year', 3);
    expect(series.map((p) => p.year)).toEqual([1910, 1912]);
    expect(series[0].shares[0]).toBeCloseTo(120 / 400, 12);
    expect(series[1].shares[0]).toBeCloseTo(100 / 200, 12);
    // 1912 with a 3-year window pools 1910..1912.
    expect(series[1].rollingShares?.[0]).toBeCloseTo(220 / 600, 12);
    // A 2-year window at 1912 covers 1911..1912 only.
    expect(prevalenceSeries(aggregate(), 'year', 2)[1].rollingShares?.[0]).toBeCloseTo(0.5, 12);
  });

  it('gives series per publication and per publication-year', () => {
    const byPublication = prevalenceSeries(aggregate(), 'publication');
    expect(byPublication.map((p) => p.publication?.ref)).toEqual([null, 'a', 'b']);
    const both = prevalenceSeries(aggregate(), 'year,publication');
    expect(both.map((p) => `${p.publication?.ref}:${p.year}`)).toEqual(['a:1910', 'a:1912', 'b:1910']);
    expect(both[1].documents).toBe(2);
  });
});
