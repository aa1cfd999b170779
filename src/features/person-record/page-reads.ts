import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { episodesOfPersonPage, type EpisodeRow } from '../episodes/repository.js'

const reads = new WeakMap<Transaction<DB>, Map<string, Promise<unknown>>>()

/**
 * One read shared by the person page's sections within the page's transaction (issue 9). Each journey section and
 * its timeline entries come from their own feature and ask for what they need; several ask for the same rows (the
 * contacts, measures, plan, follow-ups, concerns … twice each, the open episode by three of them). The first to ask
 * runs the read and the rest are handed the same promise, so one view reads each once. The rows are shared: treat
 * them as read-only. Only for the page's reads, which nothing in its transaction changes (its writes are audit
 * rows): a transaction that writes what it read must read again, so repositories do not use this themselves.
 */
export function sharedRead<T>(trx: Transaction<DB>, key: string, read: () => Promise<T>): Promise<T> {
  let shared = reads.get(trx)
  if (!shared) {
    shared = new Map()
    reads.set(trx, shared)
  }
  const found = shared.get(key) as Promise<T> | undefined
  if (found) return found
  const started = read()
  shared.set(key, started)
  return started
}

/** An episode of the person as the page's sections ask for it, with what the episode section shows. */
export type PersonEpisode = EpisodeRow

/**
 * The person's episodes, read once per view: the episode section wants the open one or else the latest, with its
 * names; the connections, follow-ups, measures and plan sections the newest open one, the contacts section the open
 * one or else the latest, the timeline each with its referral's reference (a person has a handful at most).
 */
export function personEpisodes(trx: Transaction<DB>, personId: string): Promise<PersonEpisode[]> {
  return sharedRead(trx, `episodes:${personId}`, () => episodesOfPersonPage(trx, personId))
}

/** The person's newest open episode, from personEpisodes. */
export async function openEpisodeOfPage(trx: Transaction<DB>, personId: string): Promise<PersonEpisode | undefined> {
  return (await personEpisodes(trx, personId)).find((e) => e.status === 'open')
}

/** The episode the episode section shows and the contacts section counts: the open one, or else the latest. */
export async function currentEpisodeOfPage(trx: Transaction<DB>, personId: string): Promise<PersonEpisode | undefined> {
  return (await personEpisodes(trx, personId))[0]
}
