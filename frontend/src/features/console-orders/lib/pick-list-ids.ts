const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The most orders the API adds up into one pick list. */
export const MAX_PICK_LIST_ORDERS = 200;

export interface PickListRequest {
  /** The orders sent to the API, at most {@link MAX_PICK_LIST_ORDERS}. */
  ids: string[];
  /** How many more valid orders the address named than one pick list takes. */
  leftOut: number;
}

/** The orders named in the address (`?ids=a,b`), each once, and how many did not fit. */
export function readPickListIds(value: string | null): PickListRequest {
  const ids = (value ?? "")
    .split(",")
    .map((id) => id.trim().toLowerCase())
    .filter((id) => UUID.test(id));
  const unique = [...new Set(ids)];
  return {
    ids: unique.slice(0, MAX_PICK_LIST_ORDERS),
    leftOut: Math.max(0, unique.length - MAX_PICK_LIST_ORDERS),
  };
}

export interface PickListBatch {
  /** 1-based positions of the first and last order of this batch in the selection. */
  from: number;
  to: number;
  path: string;
}

/** The selected orders split into pick lists the API takes whole, in the order they were selected. */
export function pickListBatches(ids: readonly string[]): PickListBatch[] {
  const batches: PickListBatch[] = [];
  for (let start = 0; start < ids.length; start += MAX_PICK_LIST_ORDERS) {
    const part = ids.slice(start, start + MAX_PICK_LIST_ORDERS);
    batches.push({
      from: start + 1,
      to: start + part.length,
      path: `/console/orders/pick-list?ids=${part.join(",")}`,
    });
  }
  return batches;
}
