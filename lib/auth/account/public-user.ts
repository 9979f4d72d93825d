import { type Role, toRole } from "./roles";

/** What the app knows about a signed-in user. Never the password hash. */
export type PublicUser = { id: string; email: string; role: Role; emailVerified: boolean };

/** The Prisma `select` that loads exactly a PublicUser's fields. */
export const publicUserFields = { id: true, email: true, role: true, emailVerified: true } as const;

export function toPublicUser(user: { id: string; email: string; role: string; emailVerified: Date | null }): PublicUser {
  return { id: user.id, email: user.email, role: toRole(user.role), emailVerified: user.emailVerified !== null };
}
