import { type Account, api } from "./api";

function bearer(account: Account) {
  return { headers: { Authorization: `Bearer ${account.signedIn.access_token}` } };
}

/** A running free trial on the retailer Basic plan, started through the API (a sandbox phone that pays). */
export async function startTrialByApi(account: Account): Promise<void> {
  const { response, error } = await api.POST("/subscription", {
    body: { plan_code: "retailer-basic", interval: "month", provider: "sandbox", payer_phone: "+254712345670", trial: true },
    ...bearer(account),
  });
  if (!response.ok) throw new Error(`Starting the trial answered ${response.status}: ${JSON.stringify(error)}`);
}

/** Waits until the notifications worker has delivered `count` unread in-app notifications. */
export async function waitForUnread(account: Account, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const { data } = await api.GET("/notifications/unread-count", bearer(account));
    last = data?.unread ?? -1;
    if (last >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Expected ${count} unread notifications within ${timeoutMs} ms, saw ${last}`);
}
