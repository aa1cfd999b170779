/** `npm run bench` (issue 9): placeholder until the benchmark runner lands. */
console.error('npm run bench: not built yet (issue 9).')
process.exitCode = 1
