/** What a look-up of SKUs found: in the order asked, each SKU once, and the SKUs the catalog does not know apart. */
export interface SkuLookup<T> {
  found: T[];
  unknownSkus: string[];
}

/** Looks each distinct SKU up (concurrently) and sorts the answers into found and unknown. */
export async function lookUpEach<T>(skus: readonly string[], find: (sku: string) => Promise<T | undefined>): Promise<SkuLookup<T>> {
  const distinct = [...new Set(skus)];
  const answers = await Promise.all(distinct.map(find));
  const lookup: SkuLookup<T> = { found: [], unknownSkus: [] };
  distinct.forEach((sku, index) => {
    const answer = answers[index];
    if (answer === undefined) lookup.unknownSkus.push(sku);
    else lookup.found.push(answer);
  });
  return lookup;
}
