export const ROLES = ["customer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function toRole(value: string): Role {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : "customer";
}
