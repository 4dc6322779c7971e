import type { Prisma } from "@/lib/generated/prisma/client";

export interface BookingCustomer {
  name: string;
  email: string;
  phone?: string;
}

/**
 * The CRM contact for a public booking, found by email within the organization. A booking form
 * is anonymous input: it creates a contact that does not exist yet and fills a phone the contact
 * lacks, but never overwrites the name or phone the CRM already holds (anyone can type anyone's
 * email). What this customer typed stays on the appointment (`customerName`, `customerPhone`).
 */
export async function contactForBooking(
  tx: Prisma.TransactionClient,
  organizationId: string,
  customer: BookingCustomer,
): Promise<{ id: string }> {
  const where = { organizationId_email: { organizationId, email: customer.email } };
  const contact = await tx.contact.upsert({
    where,
    create: { organizationId, name: customer.name, email: customer.email, phone: customer.phone },
    update: {},
    select: { id: true, phone: true },
  });
  if (!contact.phone && customer.phone) await tx.contact.update({ where: { id: contact.id }, data: { phone: customer.phone } });
  return { id: contact.id };
}

/** What the customer typed on this booking, kept with the appointment. */
export function typedCustomer(customer: BookingCustomer): { customerName: string; customerPhone: string | null } {
  return { customerName: customer.name, customerPhone: customer.phone ?? null };
}
