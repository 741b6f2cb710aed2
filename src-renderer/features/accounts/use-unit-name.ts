import type { ApiError } from '../../api/client';
import { useChannel } from '../../data/use-channel';

/** The name of her unit, for the top bar (every role may read the units); the refusal, if any, to show. */
export function useUnitName(unitId: string | null): { unitName: string | null; error: ApiError | null } {
  const units = useChannel('units.list', unitId === null ? null : {});
  if (unitId === null) return { unitName: null, error: null };
  return { unitName: units.data?.units.find((u) => u.id === unitId)?.name ?? null, error: units.error };
}
