// Loaded before every integration, campaign and instances test file: the app does this at startup
// (instrumentation.ts), so booking's pre-booking check can refresh stale iCloud busy time.
import "@/lib/sync/refresh/refresh-calendar";
