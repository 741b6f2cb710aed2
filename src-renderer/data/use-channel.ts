import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type ApiError } from '../api/client';
import type { Channel, ChannelInput, ChannelOutput, Envelope } from '../../src-main/api/contract';

/** What a screen reads from main: the answer, or the refusal to show (never dropped), and whether it is on its way. */
export interface ChannelState<T> {
  /** The last answer; kept while a reload is on its way or after a reload failed. */
  data: T | null;
  /** The last call's refusal, shown by `<ErrorMessage>` (translated by its code); null after a success. */
  error: ApiError | null;
  /** True from the call to its answer, the first time and at each reload. */
  loading: boolean;
  /** Asks again (after a change); resolves once the answer is in. */
  reload: () => Promise<void>;
}

/**
 * Reads one channel: called on mount and whenever `input` changes (compared by value), again on
 * `reload()`. `null` as input calls nothing (not yet known). An answer that arrives after the
 * input changed or the component left is ignored.
 */
export function useChannel<C extends Channel>(
  channel: C,
  input: ChannelInput<C> | null,
): ChannelState<ChannelOutput<C>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data: ChannelOutput<C> | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: key !== null,
  });
  const latest = useRef(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  const load = useCallback(async () => {
    const current = inputRef.current;
    if (current === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    const result = await call(channel, current);
    if (ticket !== latest.current) return;
    setState((s) =>
      result.ok
        ? { data: result.value, error: null, loading: false }
        : { data: s.data, error: result.error, loading: false },
    );
  }, [channel, key]); // the input is compared by value, through its key

  useEffect(() => {
    void load();
    return () => {
      // Leaving (or a new input): the answer on its way is for no one.
      latest.current++;
    };
  }, [load]);

  return { ...state, reload: load };
}

/** A write to main: its refusal kept for the form to show, and whether it is on its way. */
export interface Mutation<C extends Channel> {
  /**
   * Sends the input; the refusal, if any, is also kept in `error`, unless `place` (given the
   * refusal) returns true: it showed it itself, beside its field, or left the screen. Never throws.
   */
  run: (
    input: ChannelInput<C>,
    place?: (error: ApiError) => boolean | Promise<boolean>,
  ) => Promise<Envelope<ChannelOutput<C>>>;
  pending: boolean;
  error: ApiError | null;
  /** Replaces the kept refusal: null once shown elsewhere (beside its field), or to clear it. */
  setError: (error: ApiError | null) => void;
}

export function useMutation<C extends Channel>(channel: C): Mutation<C> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (input: ChannelInput<C>, place?: (error: ApiError) => boolean | Promise<boolean>) => {
      setPending(true);
      setError(null);
      const result = await call(channel, input);
      const placed = !result.ok && place ? await place(result.error) : false;
      if (mounted.current) {
        setPending(false);
        setError(result.ok || placed ? null : result.error);
      }
      return result;
    },
    [channel],
  );
  return { run, pending, error, setError };
}
