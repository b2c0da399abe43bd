import { useSyncExternalStore } from "react";

type Listener = () => void;

const scheduled = new Map<string, () => void>();
const listeners = new Set<Listener>();
let inFlight = 0;

function emit() {
  for (const listener of listeners) listener();
}

function count(): number {
  return inFlight + scheduled.size;
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Cart changes the server does not have yet: quantity changes waiting for the stepper to
 * settle (each with a way to send it now) and requests on their way. Checkout waits for
 * none to be left, and only the answer to the last change in flight is shown.
 */
export const pendingCartChanges = {
  schedule(key: string, sendNow: () => void) {
    scheduled.set(key, sendNow);
    emit();
  },
  unschedule(key: string) {
    if (scheduled.delete(key)) emit();
  },
  /** Sends the change waiting under `key` now, if there is one. */
  sendNow(key: string) {
    scheduled.get(key)?.();
  },
  /** Sends every waiting change at once. */
  flush() {
    for (const sendNow of [...scheduled.values()]) sendNow();
  },
  begin() {
    inFlight += 1;
    emit();
  },
  end() {
    inFlight = Math.max(0, inFlight - 1);
    emit();
  },
  /** True for the one request in flight with nothing waiting behind it. */
  isLast(): boolean {
    return inFlight === 1 && scheduled.size === 0;
  },
  count,
  subscribe,
};

export function usePendingCartChanges(): number {
  return useSyncExternalStore(subscribe, count);
}
