export const SORT_ORDERS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** What a search shows, as kept in the page's URL (so it survives a reload and can be shared). */
export interface SearchFilters {
  q: string;
  category: string | null;
  brand: string | null;
  inStock: boolean;
  sort: SortOrder | null;
}

export const NO_FILTERS: SearchFilters = { q: "", category: null, brand: null, inStock: false, sort: null };

function isSortOrder(value: string | null): value is SortOrder {
  return value !== null && (SORT_ORDERS as readonly string[]).includes(value);
}

export function readFilters(params: URLSearchParams): SearchFilters {
  const sort = params.get("sort");
  return {
    q: params.get("q") ?? "",
    category: params.get("category") || null,
    brand: params.get("brand") || null,
    inStock: params.get("in_stock") === "true",
    sort: isSortOrder(sort) ? sort : null,
  };
}

/** Only what differs from the defaults, in a fixed order, so equal searches have equal URLs. */
export function writeFilters(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.category) params.set("category", filters.category);
  if (filters.brand) params.set("brand", filters.brand);
  if (filters.inStock) params.set("in_stock", "true");
  if (filters.sort) params.set("sort", filters.sort);
  return params;
}

export function searchHref(filters: SearchFilters): string {
  const query = writeFilters(filters).toString();
  return query ? `/catalog?${query}` : "/catalog";
}

export function countRefinements(filters: SearchFilters): number {
  return [filters.category, filters.brand, filters.inStock || null].filter(Boolean).length;
}

export function apiSearchQuery(filters: SearchFilters) {
  return {
    q: filters.q.trim() || undefined,
    category: filters.category ?? undefined,
    brand: filters.brand ?? undefined,
    in_stock: filters.inStock || undefined,
    sort: filters.sort ?? undefined,
  };
}
