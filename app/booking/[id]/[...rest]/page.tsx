import { notFound } from "next/navigation";

/** Anything after a manage link's booking id opens nothing: the manage page's customer-facing not found. */
export default function ManageLinkExtraPath() {
  notFound();
}
