import type { ApiError } from '../../api/client';
import { useChannel } from '../../data/use-channel';

/** The password rule, which only main knows for sure (config.json); its refusal, if any, to show. */
export function usePasswordMinLength(): { passwordMinLength: number | null; error: ApiError | null } {
  const status = useChannel('setup.status', {});
  return { passwordMinLength: status.data?.passwordMinLength ?? null, error: status.error };
}
