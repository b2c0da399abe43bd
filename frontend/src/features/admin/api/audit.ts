import { infiniteQueryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { PAGE_SIZE, adminKeys } from "./keys";

export type AuditEntry = components["schemas"]["AuditEntryOut"];

export interface AuditFilters {
  actor: string | null;
  action: string | null;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  date_from: string | null;
  date_to: string | null;
}

/** Dates in the filters are days; the API takes instants, so a day runs from its start to the next day's. */
function dayStart(day: string | null): string | undefined {
  return day ? `${day}T00:00:00Z` : undefined;
}

function dayEnd(day: string | null): string | undefined {
  if (!day) return undefined;
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

export function auditQuery(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.audit, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/admin/audit", {
          params: {
            query: {
              actor: filters.actor ?? undefined,
              action: filters.action ?? undefined,
              entity_type: filters.entity_type ?? undefined,
              entity_id: filters.entity_id ?? undefined,
              ip: filters.ip ?? undefined,
              date_from: dayStart(filters.date_from),
              date_to: dayEnd(filters.date_to),
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 5_000,
  });
}
