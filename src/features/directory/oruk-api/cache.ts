/*
 * What the ORUK API keeps in the process between requests (issue 9: "caching of reference data"). The directory
 * changes rarely and every change moves its version (../version.ts), so everything here belongs to one version:
 * the first request that reads another version empties it. Only what was read after reading the version is stored
 * under it, so a kept answer is never older than its version, and a change that committed before a request arrived
 * is seen by that request (it reads the version after arriving, and that version misses).
 *
 * Kept: the visible services' ids in list order (the unfiltered /services pages are slices of it), each visible
 * service's serialised one-to-one fields (what a list page holds of it), and whole response bodies of other reads
 * (filtered lists, one service in full). Strings are bounded together by `maxChars`, least recently used first out.
 */

export class OrukCache {
  private version: string | undefined
  private ids: Promise<string[]> | undefined
  private readonly strings = new Map<string, string>()
  private chars = 0

  constructor(private readonly maxChars: number) {}

  /** Makes the cache belong to `version` (emptying it when it held another); call with each request's version. */
  private belongTo(version: string): void {
    if (version === this.version) return
    this.version = version
    this.ids = undefined
    this.strings.clear()
    this.chars = 0
  }

  /**
   * The visible services' ids in list order at `version`, loaded once for it. A load that fails is forgotten, so
   * the next request tries again.
   */
  visibleIds(version: string, load: () => Promise<string[]>): Promise<string[]> {
    this.belongTo(version)
    if (!this.ids) {
      const loading = load()
      this.ids = loading
      loading.catch(() => {
        if (this.ids === loading) this.ids = undefined
      })
    }
    return this.ids
  }

  get(version: string, key: string): string | undefined {
    this.belongTo(version)
    const value = this.strings.get(key)
    if (value === undefined) return undefined
    // Most recently used last: the Map's order is the eviction order.
    this.strings.delete(key)
    this.strings.set(key, value)
    return value
  }

  /** Keeps `value` unless the cache has moved on to another version since `version` was read. */
  set(version: string, key: string, value: string): void {
    if (version !== this.version || value.length > this.maxChars) return
    const old = this.strings.get(key)
    if (old !== undefined) {
      this.strings.delete(key)
      this.chars -= old.length
    }
    this.strings.set(key, value)
    this.chars += value.length
    for (const [oldest, kept] of this.strings) {
      if (this.chars <= this.maxChars) break
      this.strings.delete(oldest)
      this.chars -= kept.length
    }
  }

  /** For tests and the docs: how much is kept. */
  size(): { entries: number; chars: number } {
    return { entries: this.strings.size, chars: this.chars }
  }
}
