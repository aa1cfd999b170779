// Starts GOV.UK Frontend's components (conditional reveals, character counts, error summary focus, …).
// Pages work without it; app.js has already marked the body as supported so the components initialise.
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()
