import { checkHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 when the database answers and a worker beat recently, else 503 naming the part. */
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
