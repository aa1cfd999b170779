import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'

/**
 * The official ORUK 3.0 schemas (vendored in ../oruk/schema, see its SOURCES.md) in an Ajv 2020-12 validator,
 * each registered under the absolute URL its `$ref`s use, so that validation needs no network. Used by tests.
 */
export const ORUK_SCHEMA_BASE = 'https://openreferraluk.org/specifications/3.0/schema/'
const folder = new URL('../oruk/schema/', import.meta.url)

export function orukValidator(): (schema: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  // ajv-formats is CommonJS: its plugin is the `default` of the module object Node hands to ESM.
  formats.default(ajv)
  for (const file of readdirSync(folder)) {
    if (!file.endsWith('.json') || file === 'openapi.json') continue
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as object, `${ORUK_SCHEMA_BASE}${file}`)
  }
  const compiled = new Map<string, ValidateFunction>()
  return (schema) => {
    const url = `${ORUK_SCHEMA_BASE}${schema}.json`
    let validate = compiled.get(url)
    if (!validate) {
      validate = ajv.getSchema(url)
      if (!validate) throw new Error(`no ORUK schema ${schema}`)
      compiled.set(url, validate)
    }
    return validate
  }
}
