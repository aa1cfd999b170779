import { existsSync, writeFileSync } from 'node:fs'
import { open, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/*
 * Things one `npm test` run makes once and shares between its test files (each a process of its own): scripts/test.mjs
 * creates an empty folder for the run, names it in CYSWLLT_TEST_CACHE_DIR and removes it at the end. Outside such a
 * run (a test file run directly with `node --test`) there is no cache and every file makes its own.
 */
export function runCacheDir(): string | undefined {
  return process.env.CYSWLLT_TEST_CACHE_DIR || undefined
}

/** How long a file waits for another to finish building before giving up and doing without. */
const WAIT_MS = 180_000

/**
 * The path of `name` in the run's cache, built by `build(target)` in the first process that asks while the others
 * wait for it (a lock file made with O_EXCL). `build` writes its result to `target`, or writes nothing when what it
 * makes lives elsewhere (a database). Undefined when there is no run cache or building failed: the caller then makes
 * its own, so a broken migration fails in every test file with its usual error rather than here.
 */
export async function builtOnce(name: string, build: (target: string) => Promise<void>): Promise<string | undefined> {
  const dir = runCacheDir()
  if (!dir) return undefined
  const ready = path.join(dir, name)
  const failed = `${ready}.failed`
  const started = Date.now()
  while (Date.now() - started < WAIT_MS) {
    if (existsSync(ready)) return ready
    if (existsSync(failed)) return undefined
    const lock = await open(`${ready}.lock`, 'wx').catch((error: NodeJS.ErrnoException) => {
      // ENOENT: the run's folder is gone (the run was interrupted); do without.
      if (error.code === 'EEXIST' || error.code === 'ENOENT') return error.code
      throw error
    })
    if (lock === 'ENOENT') return undefined
    if (lock === 'EEXIST') {
      await sleep(100)
      continue
    }
    await lock.close()
    const target = `${ready}.${process.pid}.tmp`
    try {
      await build(target)
      if (!existsSync(target)) await writeFile(target, '')
      await rename(target, ready)
      return ready
    } catch (error) {
      writeFileSync(failed, String((error as Error).stack ?? error))
      return undefined
    }
  }
  return undefined
}
