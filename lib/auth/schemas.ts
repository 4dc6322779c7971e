import { z } from "zod";

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: "Enter a valid email address." }),
  password: z.string().min(1, { message: "Enter your password." }).max(200),
});
export type LoginInput = z.infer<typeof LoginSchema>;
