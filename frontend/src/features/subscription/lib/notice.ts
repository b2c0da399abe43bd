/** What the plans page tells the subscription page it just did (router state, gone on reload). */
export interface Notice {
  notice: "trialStarted" | "started" | "changed" | "scheduled" | "withdrawn";
}

const NOTICES = new Set<string>(["trialStarted", "started", "changed", "scheduled", "withdrawn"]);

export function isNotice(state: unknown): state is Notice {
  return (
    typeof state === "object" &&
    state !== null &&
    "notice" in state &&
    typeof state.notice === "string" &&
    NOTICES.has(state.notice)
  );
}
