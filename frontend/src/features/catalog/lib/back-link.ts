/** Where "Back" leads from a product: the list it was opened from, else the catalog. */
export function backLinkFrom(state: unknown): string {
  if (typeof state === "object" && state !== null && "backTo" in state) {
    const backTo = state.backTo;
    if (typeof backTo === "string" && backTo.startsWith("/") && !backTo.startsWith("//")) return backTo;
  }
  return "/catalog";
}
