import { useEffect, useState } from "react";

/**
 * False until the browser first has nothing else to do (or `timeoutMs` passed): the shell's
 * own requests (the bell's count, the subscription banner) wait for it, so on a slow phone
 * they do not compete with the page's data for the network and the main thread.
 */
export function useIdle(timeoutMs = 2000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const done = () => {
      setIdle(true);
    };
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(done, { timeout: timeoutMs });
      return () => {
        window.cancelIdleCallback(handle);
      };
    }
    const handle = window.setTimeout(done, 200);
    return () => {
      window.clearTimeout(handle);
    };
  }, [timeoutMs]);
  return idle;
}
