import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The app's client or an interactive transaction: domain loaders accept either. */
export type Db = PrismaClient | Prisma.TransactionClient;
