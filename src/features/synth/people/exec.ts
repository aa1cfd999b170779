import { sql } from 'kysely'
import type { SynthContext } from '../run.js'

/**
 * Runs one generated statement and returns the rows it wrote. A failing statement is hundreds of generated
 * characters long: the error names the text around the position the database reports, which is what a developer
 * changing a stage needs to see.
 */
export async function exec(ctx: SynthContext, text: string): Promise<bigint | undefined> {
  try {
    return (await sql.raw(text).execute(ctx.db)).numAffectedRows
  } catch (error) {
    const position = Number((error as { position?: string }).position ?? 0)
    if (position > 0) (error as Error).message += ` near: …${text.slice(Math.max(0, position - 120), position + 60)}…`
    throw error
  }
}
