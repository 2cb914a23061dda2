import { z } from 'zod';

/** What a token may do: read (status, metrics) < trade (halt, resume) < admin (everything). */
export const scopeSchema = z.enum(['read', 'trade', 'admin']);
export type Scope = z.infer<typeof scopeSchema>;

const RANK: Record<Scope, number> = { read: 0, trade: 1, admin: 2 };

/** True when a token of scope `have` may do what needs `need`. */
export const scopeAllows = (have: Scope, need: Scope): boolean => RANK[have] >= RANK[need];
