import type { Role } from '../store/tables/procedure.ts';
import { ProcedureError } from './errors.ts';

/** Who acts on the written procedure: a logged-in user (with its role and state) or the public. */
export interface Actor {
  userId: string;
  name: string;
  role: Role;
  state: string | null;
}

/** Someone not logged in: may read what the public may read. */
export const PUBLIC: Actor = { userId: '', name: 'anonymous', role: 'public', state: null };

/** Refuses an action to an actor without one of `roles`: unauthenticated when not logged in at all. */
export function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (actor.role === 'public' && !actor.userId)
    throw new ProcedureError('unauthenticated', `log in to ${what}`, { key: 'logIn' });
  if (!roles.includes(actor.role))
    throw new ProcedureError(
      'forbidden',
      `a ${actor.role} user cannot ${what} (needs ${roles.join(' or ')})`,
      {
        key: 'forbidden',
        vars: { role: { t: `role.${actor.role}` }, roles: roles.map((r) => ({ t: `role.${r}` })) },
      },
    );
}
