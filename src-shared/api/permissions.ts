/**
 * What an operation needs from the member calling it. `open` operations work without an unlocked
 * vault (create, unlock). Members and roles arrive with their own issue; until then the one local
 * owner holds every permission, but each operation already declares what it needs.
 */
export const permissions = ['open', 'read', 'write', 'export', 'admin'] as const;
export type Permission = (typeof permissions)[number];
