/**
 * Values kept in the process up to a total size, the least recently used dropped first: what the views' kept
 * output (views/macro-memo.ts) and the directory search's kept content share. Sizes are the caller's measure
 * (characters of key and value there). A value larger than the whole store is not kept.
 */
export class SizedStore<V> {
  private readonly kept = new Map<string, { value: V; size: number }>()
  private total = 0

  constructor(readonly maxSize: number) {}

  /** The value kept under `key`, which becomes the most recently used. */
  get(key: string): V | undefined {
    const had = this.kept.get(key)
    if (!had) return undefined
    this.kept.delete(key)
    this.kept.set(key, had)
    return had.value
  }

  set(key: string, value: V, size: number): void {
    if (size > this.maxSize) return
    const had = this.kept.get(key)
    if (had) {
      this.kept.delete(key)
      this.total -= had.size
    }
    this.kept.set(key, { value, size })
    this.total += size
    for (const [oldest, entry] of this.kept) {
      if (this.total <= this.maxSize) break
      this.kept.delete(oldest)
      this.total -= entry.size
    }
  }

  get entries(): number {
    return this.kept.size
  }

  get size(): number {
    return this.total
  }
}
