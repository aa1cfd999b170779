import { runCli } from './cli/run.js'

/** `npm run cyswllt -- <command>`: the operator's tools (see src/cli/ and `npm run cyswllt -- help`). */
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
})
