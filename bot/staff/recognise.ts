/**
 * Who counts as helpline staff: a Teams user whose Entra ID object id is on the configured list. Teams
 * puts that id on every activity (from.aadObjectId); other channels never count as staff. In local mode
 * a switch makes every Teams user staff, for testing in the Agents Playground.
 */
import type { Activity } from 'botbuilder';

export interface StaffPolicy {
  /** Entra ID object ids of helpline staff (STAFF_AAD_OBJECT_IDS). */
  objectIds: readonly string[];
  /** LOCAL_STAFF_MODE: every Teams user is staff. Refused outside local mode by the configuration. */
  everyone: boolean;
}

export function staffRecogniser(policy: StaffPolicy): (activity: Activity) => boolean {
  const ids = new Set(policy.objectIds.map((id) => id.toLowerCase()));
  return (activity) => {
    if (activity.channelId !== 'msteams') return false;
    if (policy.everyone) return true;
    const id = activity.from?.aadObjectId;
    return typeof id === 'string' && ids.has(id.toLowerCase());
  };
}
