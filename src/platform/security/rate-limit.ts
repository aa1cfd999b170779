/**
 * A fixed-window counter kept in memory: enough to slow guessing on one instance. Account lockout (kept in the
 * database) is what protects an account across instances.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for `key`; false when the key has used up its window. */
  take(key: string): boolean {
    const now = this.now()
    let window = this.windows.get(key)
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 }
      this.windows.set(key, window)
      if (this.windows.size > 100_000) this.prune(now)
    }
    window.count += 1
    return window.count <= this.limit
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key)
  }
}
