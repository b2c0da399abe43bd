import {
  type InfiniteData,
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";

export type Notification = components["schemas"]["NotificationOut"];
type NotificationPage = components["schemas"]["NotificationPage"];

export const NOTIFICATION_PAGE_SIZE = 20;
/** The bell asks again this often while the page is visible (never while the tab is hidden). */
export const UNREAD_POLL_MS = 60_000;

export const unreadCountQuery = queryOptions({
  queryKey: ["notifications", "unread-count"],
  queryFn: ({ signal }) => unwrap(api.GET("/notifications/unread-count", { signal })),
  staleTime: 30_000,
  refetchInterval: UNREAD_POLL_MS,
  refetchIntervalInBackground: false,
  refetchOnWindowFocus: true,
});

export function notificationsQuery(unreadOnly: boolean) {
  return infiniteQueryOptions({
    queryKey: ["notifications", "list", { unreadOnly }],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/notifications", {
          params: { query: { unread: unreadOnly, cursor: pageParam, limit: NOTIFICATION_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 0,
  });
}

function markInPages(
  data: InfiniteData<NotificationPage, string | undefined> | undefined,
  isMarked: (notification: Notification) => boolean,
  readAt: string,
) {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.read_at === null && isMarked(item) ? { ...item, read_at: readAt } : item)),
    })),
  };
}

/** Read marks show at once in every loaded list; the count and lists are read again afterwards. */
function useMarkMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  isMarked: (variables: Variables) => (notification: Notification) => boolean,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (_result, variables) => {
      const now = new Date().toISOString();
      queryClient.setQueriesData<InfiniteData<NotificationPage, string | undefined>>(
        { queryKey: ["notifications", "list"] },
        (data) => markInPages(data, isMarked(variables), now),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: unreadCountQuery.queryKey }),
  });
}

export function useMarkRead() {
  return useMarkMutation(
    (id: string) => unwrap(api.POST("/notifications/{id}/read", { params: { path: { id } } })),
    (id) => (notification) => notification.id === id,
  );
}

export function useMarkAllRead() {
  return useMarkMutation(
    () => unwrap(api.POST("/notifications/read-all")),
    () => () => true,
  );
}
