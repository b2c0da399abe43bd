import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "@/lib/api-error";
import { paymentQuery } from "./api";
import { isUnsettled, paymentState, pollInterval } from "./payment-state";

/**
 * Polls one payment on the schedule of `pollInterval` and says what to tell the payer. A refusal
 * (the payment is not there or not theirs) is an answer, not an unknown: `refused` carries it.
 */
export function usePaymentWatch(paymentId: string) {
  const [watchingSince, setWatchingSince] = useState(() => Date.now());
  const query = useQuery({
    ...paymentQuery(paymentId),
    refetchInterval: (current) =>
      isRefusal(current.state.error) ? false : pollInterval(current.state.data, Date.now() - watchingSince),
    refetchIntervalInBackground: false,
  });
  const lastHeard = Math.max(query.dataUpdatedAt, query.errorUpdatedAt, watchingSince);
  const pollFailed = query.isError || (query.isPending && query.failureCount > 0);
  const state = paymentState({ payment: query.data, pollFailed, watchedForMs: lastHeard - watchingSince });
  const stoppedWatching =
    isUnsettled(state) && !query.isFetching && pollInterval(query.data, Date.now() - watchingSince) === false;

  return {
    payment: query.data,
    state,
    /** Nothing heard yet: the first answer is on its way. */
    loading: query.isPending && query.failureCount === 0,
    refused: isRefusal(query.error) && !query.data ? query.error : null,
    stoppedWatching,
    checkAgain: () => {
      setWatchingSince(Date.now());
      void query.refetch();
    },
  };
}

function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && !error.isNetworkError && error.status >= 400 && error.status < 500;
}
