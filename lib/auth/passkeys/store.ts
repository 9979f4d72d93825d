import "server-only";
import { db, isUniqueViolation } from "../../db/client";
import { type PublicUser, publicUserFields, toPublicUser } from "../account/public-user";
import { authenticatorKind } from "./kinds";

/**
 * An account's passkeys in the database. The credential id is the primary key, so a
 * credential belongs to one account at most; the counter and the backup flags are written at
 * every use; and no account loses its last way to log in.
 */

/** How long a passkey's name may be, in characters. */
export const PASSKEY_NAME_MAX_LENGTH = 60;

export type NewPasskey = {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: readonly string[];
  deviceType: "singleDevice" | "multiDevice";
  backedUp: boolean;
  aaguid: string;
  name: string;
};

export type PasskeySummary = { id: string; name: string; kind: string; createdAt: Date; lastUsedAt: Date | null };

/** What the Security page lists, oldest first. */
export async function passkeysOf(userId: string): Promise<PasskeySummary[]> {
  const rows = await db.passkey.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, aaguid: true, deviceType: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map(({ aaguid, deviceType, ...row }) => ({ ...row, kind: authenticatorKind(aaguid, deviceType) }));
}

/** The credentials to name in options: for a second factor, and so a browser does not register one twice. */
export async function credentialsOf(userId: string): Promise<{ id: string; transports: string[] }[]> {
  const rows = await db.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  return rows.map((row) => ({ id: row.id, transports: splitTransports(row.transports) }));
}

/** Whether the account has a passkey at all (the two-factor page offers one then): one row looked at, none loaded. */
export async function hasPasskey(userId: string): Promise<boolean> {
  return (await db.passkey.findFirst({ where: { userId }, select: { id: true } })) !== null;
}

export type SavedPasskey = { ok: true } | { ok: false; reason: "registered-already" };

/**
 * Adds a verified credential to the account. One already registered, to this account or to
 * another, is refused: the primary key decides, also between two simultaneous registrations.
 */
export async function savePasskey(userId: string, passkey: NewPasskey, now = new Date()): Promise<SavedPasskey> {
  try {
    await db.passkey.create({
      data: { ...passkey, publicKey: new Uint8Array(passkey.publicKey), counter: BigInt(passkey.counter), transports: passkey.transports.join(","), userId, createdAt: now },
    });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "registered-already" };
    throw error;
  }
}

export type StoredPasskey = {
  id: string;
  name: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  user: PublicUser & { active: boolean };
};

/** The passkey an assertion names, with its account; null for an unknown credential id. */
export async function findPasskey(credentialId: string): Promise<StoredPasskey | null> {
  const row = await db.passkey.findUnique({
    where: { id: credentialId },
    include: { user: { select: { ...publicUserFields, active: true } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    publicKey: new Uint8Array(row.publicKey),
    counter: Number(row.counter),
    transports: splitTransports(row.transports),
    user: { ...toPublicUser(row.user), active: row.user.active },
  };
}

export type PasskeyUse = { newCounter: number; deviceType: "singleDevice" | "multiDevice"; backedUp: boolean };

/**
 * Records a verified use: the new counter, the backup flags as they are now, and when. The
 * write is conditional on the counter the check was made against, so of two simultaneous
 * answers that raise the counter only one is recorded (the other returns false). An
 * authenticator whose counter stays 0 (most synced passkeys) gets no such protection and no
 * clone detection: the library checks nothing while both counters are 0, and the write
 * matches again. Replays are stopped by the single-use challenge (./challenge.ts), not here.
 */
export async function recordPasskeyUse(passkey: Pick<StoredPasskey, "id" | "counter">, use: PasskeyUse, now = new Date()): Promise<boolean> {
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: BigInt(passkey.counter) },
    data: { counter: BigInt(use.newCounter), deviceType: use.deviceType, backedUp: use.backedUp, lastUsedAt: now },
  });
  return count === 1;
}

/** Renames one of the account's own passkeys; its old name, or null if the account has no such passkey. */
export async function renamePasskey(userId: string, id: string, name: string): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const row = await tx.passkey.findFirst({ where: { id, userId }, select: { name: true } });
    if (!row) return null;
    await tx.passkey.updateMany({ where: { id, userId }, data: { name } });
    return row.name;
  });
}

export type RemovedPasskey = { ok: true; name: string } | { ok: false; reason: "not-found" | "last-way-in" };

/**
 * Removes one of the account's own passkeys, unless it is the account's last way to log in
 * (no password, no other passkey). Today every account has a password; the rule is kept
 * here anyway, so that an account made without one can never lock itself out.
 */
export async function removePasskey(userId: string, id: string): Promise<RemovedPasskey> {
  return db.$transaction(async (tx) => {
    // One removal per account at a time (this write locks the account's row on PostgreSQL;
    // SQLite runs one transaction at a time): two removals at once cannot both see "another
    // passkey is left".
    await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "id" = ${userId}`;
    const row = await tx.passkey.findFirst({ where: { id, userId }, select: { name: true } });
    if (!row) return { ok: false, reason: "not-found" } as const;
    const [password, others] = await Promise.all([
      tx.password.count({ where: { userId } }),
      tx.passkey.count({ where: { userId, id: { not: id } } }),
    ]);
    if (password === 0 && others === 0) return { ok: false, reason: "last-way-in" } as const;
    await tx.passkey.deleteMany({ where: { id, userId } });
    return { ok: true, name: row.name } as const;
  });
}

function splitTransports(stored: string): string[] {
  return stored ? stored.split(",") : [];
}
