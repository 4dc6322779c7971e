import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { needsSetup } from "@/lib/setup/create-organization";

export default async function Home() {
  if (await getActor()) redirect("/calendar");
  redirect((await needsSetup()) ? "/setup" : "/login");
}
