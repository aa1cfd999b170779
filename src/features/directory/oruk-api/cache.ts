/*
 * What the ORUK API keeps in the process between requests (issue 9: "caching of reference data"). The directory
 * changes rarely and every change moves its version (../version.ts), so everything here belongs to one version:
 * the first request that reads another version empties it. Only what was read after reading the version is stored
 * under it, so a kept answer is never older than its version, and a change that committed before a request arrived
 * is seen by that request (it reads the version after arriving, and that version misses).
 *
 * Kept: the visible services' ids in list order (a page of the unfiltered list is a slice of it, read by id), and
 * whole response bodies as the bytes that are sent (no encoding or garbage per request), bounded together by
 * `maxBytes`, least recently used first out. Bodies on their way are noted too, so a request for one waits for that
 * read instead of starting its own: joining a read under the same version is as safe as a kept answer, since the
 * version would have moved had anything changed since that read began.
 */

export class OrukCache {
  private version: string | undefined
  private ids: Promise<string[]> | undefined
  private readonly bodies = new Map<string, Buffer>()
  private readonly onTheirWay = new Map<string, Promise<Buffer | undefined>>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  /** Makes the cache belong to `version` (emptying it when it held another); call with each request's version. */
  private belongTo(version: string): void {
    if (version === this.version) return
    this.version = version
    this.ids = undefined
    this.bodies.clear()
    this.onTheirWay.clear()
    this.bytes = 0
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

  get(version: string, key: string): Buffer | undefined {
    this.belongTo(version)
    const body = this.bodies.get(key)
    if (body === undefined) return undefined
    // Most recently used last: the Map's order is the eviction order.
    this.bodies.delete(key)
    this.bodies.set(key, body)
    return body
  }

  /** Whether a body is kept or on its way under `version`, without counting as a use. */
  holds(version: string, key: string): boolean {
    return version === this.version && (this.bodies.has(key) || this.onTheirWay.has(key))
  }

  /** The read of a body already on its way under `version`, if there is one. */
  reading(version: string, key: string): Promise<Buffer | undefined> | undefined {
    return version === this.version ? this.onTheirWay.get(key) : undefined
  }

  /**
   * Notes that `body` is being read under `version` (the one this cache holds), until it settles; whoever reads it
   * keeps it with `set`. A read that fails is forgotten like one that succeeds; its waiters see the failure.
   */
  read(version: string, key: string, body: Promise<Buffer | undefined>): void {
    const done = () => {
      if (this.onTheirWay.get(key) === body) this.onTheirWay.delete(key)
    }
    body.then(done, done)
    if (version === this.version) this.onTheirWay.set(key, body)
  }

  /** Keeps `body` unless the cache has moved on to another version since `version` was read. */
  set(version: string, key: string, body: Buffer): void {
    if (version !== this.version || body.length > this.maxBytes) return
    const old = this.bodies.get(key)
    if (old !== undefined) {
      this.bodies.delete(key)
      this.bytes -= old.length
    }
    this.bodies.set(key, body)
    this.bytes += body.length
    for (const [oldest, kept] of this.bodies) {
      if (this.bytes <= this.maxBytes) break
      this.bodies.delete(oldest)
      this.bytes -= kept.length
    }
  }

  /** For tests and the docs: how much is kept. */
  size(): { entries: number; bytes: number } {
    return { entries: this.bodies.size, bytes: this.bytes }
  }
}
