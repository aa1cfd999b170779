import { createHash } from 'node:crypto'

/** The namespace of Cyswllt's demo directory ids (a UUID v4 chosen once). */
export const DEMO_DIRECTORY_NAMESPACE = '3f6c1b9e-2d7a-4c5e-9b1f-8a0d4e6c2b17'

/** A UUID version 5 (RFC 9562): the SHA-1 of the namespace and the name, so demo ids are the same on every start. */
export function uuidV5(name: string, namespace = DEMO_DIRECTORY_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
