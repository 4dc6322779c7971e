import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { SignInThrottled, verifyCredentials } from "./credentials";

export type Role = "ADMIN" | "STAFF";

declare module "next-auth" {
  interface Session {
    user: { id: string; organizationId: string; role: Role; sessionVersion?: number } & DefaultSession["user"];
  }
  interface User {
    organizationId?: string;
    role?: Role;
    sessionVersion?: number;
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
      async authorize(credentials, request) {
        try {
          return await verifyCredentials(credentials, request);
        } catch (error) {
          // Auth.js passes a CredentialsSignin's code on to the sign-in form.
          if (error instanceof SignInThrottled) throw new ThrottledSignIn();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.organizationId = user.organizationId;
        token.role = user.role;
        // getActor compares it with the user's row on every request (lib/auth/session.ts).
        token.sessionVersion = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid as string;
      session.user.organizationId = token.organizationId as string;
      session.user.role = token.role as Role;
      session.user.sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
      return session;
    },
  },
});

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}
