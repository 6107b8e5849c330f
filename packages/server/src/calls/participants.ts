import { canActAsStaff } from '@sightline/core/domain';
import type { Principal, Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import { type SessionRow, sessionScope } from '../sessions/store.js';

/** Whether the caller takes part in the session's calls: its device's customer or staff allowed by VS-7. */
export async function requireParticipant(
  services: Services,
  principal: Principal,
  row: SessionRow,
  detail = 'Only the participants of this session may take part in its calls.',
): Promise<void> {
  const { actor } = principal;
  const allowed =
    actor.kind === 'customer'
      ? actor.deviceId === row.device_id
      : canActAsStaff(actor, sessionScope(row), await services.teamsOf(row.organization_id));
  if (!allowed) throw ProblemError.forbidden(detail);
}
