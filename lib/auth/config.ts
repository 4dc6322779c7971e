import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/sync/enqueue";
import { burnPasswordCheck, verifyPassword } from "./password";
import { LoginSchema } from "./schemas";

export type Role = "ADMIN" | "STAFF";

declare module "next-auth" {
  interface Session {
    user: { id: string; organizationId: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    organizationId?: string;
    role?: Role;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // The app runs behind our own server, not a platform that sets the host for us.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an expected outcome shown on the form, not a server error.
    error(error) {
      // By type, not name: class names are minified in production builds.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = LoginSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const user = await db.user.findUnique({ where: { email } });
        if (!user) {
          await burnPasswordCheck(password);
          return null;
        }
        if (!(await verifyPassword(user.passwordHash, password))) return null;
        await enqueueJob(db, "record_sign_in", { userId: user.id, at: new Date().toISOString() });
        return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.organizationId = user.organizationId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.organizationId = token.organizationId as string;
      session.user.role = token.role as Role;
      return session;
    },
  },
});
