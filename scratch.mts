import { PGlite } from '@electric-sql/pglite'
import { pgliteExtensions } from '/work/main/src/platform/db/database.ts'
let t=Date.now(); const a=await PGlite.create('memory://'); console.log('plain',Date.now()-t)
t=Date.now(); const b=await PGlite.create('memory://',{extensions:pgliteExtensions}); console.log('ext',Date.now()-t)
t=Date.now(); await b.exec('create extension pg_trgm; create extension unaccent; create extension cube; create extension earthdistance; create extension pgcrypto;'); console.log('create ext',Date.now()-t)
t=Date.now(); const d=await b.dumpDataDir('none'); console.log('dump',Date.now()-t, d.size)
t=Date.now(); const c=await PGlite.create('memory://',{extensions:pgliteExtensions, loadDataDir:d}); await c.query('select 1'); console.log('load',Date.now()-t)
