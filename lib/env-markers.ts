// Secrets the run command generates for development carry these marks, so that a production
// start can refuse them (lib/env.ts) without knowing which file they came from.
export const DEV_SECRET_PREFIX = "dev-only-";
export const DEV_KEY_ID_PREFIX = "devonly";
