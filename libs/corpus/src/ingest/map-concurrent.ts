type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Applies `fn` to the items of `source` with at most `limit` calls in flight, yielding results in the
 * source's order. The source is pulled lazily, so memory stays bounded by `limit`.
 */
export async function* mapConcurrent<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Array<Promise<Settled<R>>> = [];
  const settle = (item: T): Promise<Settled<R>> =>
    fn(item).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error }),
    );
  const next = async (): Promise<R> => {
    const head = inFlight.shift();
    if (!head) throw new Error('mapConcurrent: nothing in flight');
    const result = await head;
    if (!result.ok) throw result.error;
    return result.value;
  };
  for await (const item of source) {
    inFlight.push(settle(item));
    if (inFlight.length >= limit) yield await next();
  }
  while (inFlight.length) yield await next();
}
