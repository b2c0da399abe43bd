const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_PICK_LIST_ORDERS = 200;

/** The orders named in the address (`?ids=a,b`), each once, at most as many as the API takes. */
export function readPickListIds(value: string | null): string[] {
  const ids = (value ?? "")
    .split(",")
    .map((id) => id.trim().toLowerCase())
    .filter((id) => UUID.test(id));
  return [...new Set(ids)].slice(0, MAX_PICK_LIST_ORDERS);
}
