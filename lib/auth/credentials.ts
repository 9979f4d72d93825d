import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { HASH_FOR_UNKNOWN_USER, hashPassword, verifyPassword } from "./password";
import { type Role, toRole } from "./roles";

/** What the app knows about a signed-in user. Never the password hash. */
export type PublicUser = { id: string; email: string; role: Role };

const publicUserFields = { id: true, email: true, role: true } as const;

function toPublicUser(user: { id: string; email: string; role: string }): PublicUser {
  return { id: user.id, email: user.email, role: toRole(user.role) };
}

export type Registration = { ok: true; user: PublicUser } | { ok: false; reason: "email-taken" };

/** Creates an account. The email must already be normalized (the zod schemas do that). */
export async function registerUser(email: string, password: string): Promise<Registration> {
  const hash = await hashPassword(password);
  try {
    const user = await db.user.create({
      data: { email, password: { create: { hash } } },
      select: publicUserFields,
    });
    return { ok: true, user: toPublicUser(user) };
  } catch (error) {
    // The unique index on the normalized email decides races between two signups.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "email-taken" };
    }
    throw error;
  }
}

/**
 * The user whose email and password these are, or null. An unknown or deactivated
 * account costs the same bcrypt comparison as a wrong password, so the answer and its
 * timing say nothing about which emails have accounts.
 */
export async function verifyCredentials(email: string, password: string): Promise<PublicUser | null> {
  const user = await db.user.findUnique({
    where: { email },
    select: { ...publicUserFields, active: true, password: { select: { hash: true } } },
  });
  const hash = user?.password?.hash ?? HASH_FOR_UNKNOWN_USER;
  const matches = await verifyPassword(password, hash);
  if (!user || !user.active || !user.password || !matches) return null;
  return toPublicUser(user);
}

export async function findActiveUser(id: string): Promise<PublicUser | null> {
  const user = await db.user.findUnique({ where: { id }, select: { ...publicUserFields, active: true } });
  return user?.active ? toPublicUser(user) : null;
}
