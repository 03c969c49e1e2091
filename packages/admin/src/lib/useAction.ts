import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { App as AntApp } from 'antd';

interface ActionOptions<TData, TVars> {
  /** Shown when it worked (a text, or one made from the answer). */
  readonly success: string | ((data: TData, vars: TVars) => string);
  /** Prefix of the failure message; the API's own words follow it. */
  readonly failure?: string;
  /** Query-key prefixes whose answers this write makes stale. */
  readonly invalidates: readonly QueryKey[];
  readonly onSuccess?: (data: TData, vars: TVars) => void;
}

/** A write the admin starts: it tells them how it went and refreshes what it changed. */
export function useAction<TData, TVars = void>(
  mutationFn: (vars: TVars) => Promise<TData>,
  options: ActionOptions<TData, TVars>,
): UseMutationResult<TData, Error, TVars> {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  return useMutation<TData, Error, TVars>({
    mutationFn,
    onSuccess: async (data, vars) => {
      void message.success(typeof options.success === 'string' ? options.success : options.success(data, vars));
      options.onSuccess?.(data, vars);
      await Promise.all(options.invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: (e) => void message.error(`${options.failure ?? '操作失败'}：${e.message}`),
  });
}
