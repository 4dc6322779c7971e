-- The request an Idempotency-Key was first sent with, so the same key with another body is refused.
ALTER TABLE "Appointment" ADD COLUMN "idempotencyRequestHash" TEXT;
