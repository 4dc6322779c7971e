// A small least-recently-used map. Every cache keyed by input (time-zone spellings from clients
// or calendars, VTIMEZONE texts) goes through one of these, so a client that writes a
// thousand distinct spellings costs a bounded amount of memory, not one entry per spelling.

/** Every cache made, for tests and diagnostics that check the bounds hold. */
const registry = new Set<BoundedCache<unknown, unknown>>();

/** Size and bound of every bounded cache in this process. */
export function boundedCacheStats(): { size: number; maxEntries: number; weight: number; maxWeight: number }[] {
  return [...registry].map((c) => ({ size: c.size, maxEntries: c.maxEntries, weight: c.weight, maxWeight: c.maxWeight }));
}

export class BoundedCache<K, V> {
  private entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  /**
   * @param maxEntries entries kept at most
   * @param maxWeight sum of the entries' weights kept at most (e.g. transitions held by zones)
   */
  constructor(
    readonly maxEntries: number,
    readonly maxWeight = Number.POSITIVE_INFINITY,
  ) {
    registry.add(this as BoundedCache<unknown, unknown>);
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Entries heavier than maxWeight on their own are not kept. */
  set(key: K, value: V, weight = 1): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.totalWeight -= old.weight;
    }
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.entries.size > this.maxEntries || this.totalWeight > this.maxWeight) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      this.totalWeight -= oldest.weight;
    }
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }
}
