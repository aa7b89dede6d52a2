import { PublicationKey, TopicAggregates, WeightedShares, sharesOf } from './topic-aggregates';

export const PREVALENCE_GROUPINGS = ['year', 'publication', 'year,publication'] as const;
export type PrevalenceGrouping = (typeof PREVALENCE_GROUPINGS)[number];

export interface PrevalencePoint {
  year?: number;
  publication?: PublicationKey;
  documents: number;
  /** Tokens of the group's documents: the weight of each document in the shares. */
  weight: number;
  /** Token-weighted mean topic distribution of the group. */
  shares: number[];
  /** Pooled over the `rolling` calendar years ending at this one (only when rolling is asked for). */
  rollingShares?: number[];
}

/**
 * Topic prevalence per year, per publication or per publication-year. A rolling window pools the
 * weighted sums of the years [y-n+1, y] (missing years simply add nothing), so thin years weigh less.
 */
export function prevalenceSeries(aggregates: TopicAggregates, by: PrevalenceGrouping, rolling?: number): PrevalencePoint[] {
  if (by === 'publication') {
    return [...aggregates.byPublication.values()]
      .map(({ publication, shares }) => point(shares, { publication }))
      .sort((a, b) => comparePublications(a.publication, b.publication));
  }
  if (by === 'year') {
    const years = [...aggregates.byYear.entries()].sort(([a], [b]) => a - b);
    return withRolling(years.map(([year, shares]) => ({ year, shares })), rolling).map(({ year, shares, rollingShares }) =>
      point(shares, { year }, rollingShares),
    );
  }
  const perPublication = new Map<string, { publication: PublicationKey; years: Array<{ year: number; shares: WeightedShares }> }>();
  for (const { year, publication, shares } of aggregates.byYearPublication.values()) {
    const key = `${publication.ref ?? ''}|${publication.name ?? ''}`;
    let entry = perPublication.get(key);
    if (!entry) {
      entry = { publication, years: [] };
      perPublication.set(key, entry);
    }
    entry.years.push({ year, shares });
  }
  return [...perPublication.values()]
    .sort((a, b) => comparePublications(a.publication, b.publication))
    .flatMap(({ publication, years }) =>
      withRolling(years.sort((a, b) => a.year - b.year), rolling).map(({ year, shares, rollingShares }) =>
        point(shares, { year, publication }, rollingShares),
      ),
    );
}

function point(shares: WeightedShares, keys: { year?: number; publication?: PublicationKey }, rollingShares?: number[]): PrevalencePoint {
  return {
    ...keys,
    documents: shares.documents,
    weight: shares.weight,
    shares: sharesOf(shares),
    ...(rollingShares ? { rollingShares } : {}),
  };
}

function withRolling(
  years: Array<{ year: number; shares: WeightedShares }>,
  rolling: number | undefined,
): Array<{ year: number; shares: WeightedShares; rollingShares?: number[] }> {
  if (!rolling) return years;
  return years.map((entry, i) => {
    const pooled: WeightedShares = { documents: 0, weight: 0, sums: new Float64Array(entry.shares.sums.length) };
    for (let j = i; j >= 0 && years[j].year > entry.year - rolling; j -= 1) {
      const { shares } = years[j];
      pooled.documents += shares.documents;
      pooled.weight += shares.weight;
      for (let t = 0; t < pooled.sums.length; t += 1) pooled.sums[t] += shares.sums[t];
    }
    return { ...entry, rollingShares: sharesOf(pooled) };
  });
}

function comparePublications(a: PublicationKey | undefined, b: PublicationKey | undefined): number {
  const left = a?.name ?? a?.ref ?? '';
  const right = b?.name ?? b?.ref ?? '';
  return left.localeCompare(right) || (a?.ref ?? '').localeCompare(b?.ref ?? '');
}
