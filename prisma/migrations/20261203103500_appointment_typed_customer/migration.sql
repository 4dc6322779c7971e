-- What the customer typed on a public booking; the CRM contact is no longer overwritten by it.
ALTER TABLE "Appointment" ADD COLUMN "customerName" TEXT,
ADD COLUMN "customerPhone" TEXT;
