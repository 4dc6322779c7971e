// Imported first by modules that hold secrets (the credential keyring, stored passwords, the
// CalDAV opener). A browser bundle that pulls one of them in fails at once, loudly, instead of
// shipping decryption code to clients. (The npm package "server-only" would also break the
// worker and the scripts, which run these modules on plain Node.)
if (typeof window !== "undefined") {
  throw new Error("This module runs on the server only: it handles credentials and must never be bundled for the browser.");
}

export {};
