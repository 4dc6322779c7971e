import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Only administrators can open this page</h1>
      <p className="mt-2 text-sm text-slate-600">Ask an administrator of your organization if you need access.</p>
      <Link href="/calendar" className="mt-6 inline-block text-sm font-medium text-brand-700 underline">
        Back to your calendar
      </Link>
    </main>
  );
}
