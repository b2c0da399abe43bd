"""Payments: mobile money collections (M-Pesa Daraja STK Push, MTN MoMo request to pay, a
sandbox), verified idempotent webhooks, reconciliation, refunds and settlement.

Where things live:
- `providers/`: one interface (`base.PaymentProvider`), Daraja (`daraja`, shapes in
  `daraja_shapes`), MoMo (`momo`), the sandbox (`sandbox`), httpx with retries (`http`).
- `collection`: asking the provider after the payer's transaction commits, one request in
  flight per payment (`request_collection`, `check_payer_phone`).
- `webhook` (+ `webhook_routes`): callbacks stored raw first, verified, applied once.
- `verification` + `settle`: what a provider answer means, applied under row locks.
- `handlers`: the purpose dispatch (`register_outcome_handler`); `checkout_outcomes` is the
  checkout's (orders placed, late payments refunded, orders held for a retry).
- `events`: the sweeper task (reconcile pending payments); `reconciliation`: the daily report.
- `refunds`, `settlements`, `service` (payer view, retry, admin ledger), `routes`.

The sandbox (provider `sandbox`) picks the outcome from the payer phone's last digit:
0 success, 1 cancelled by the user, 2 insufficient funds, 3 no answer (no callback;
reconciliation fails it as a timeout), any other digit success. Its callback goes to
`PAYMENTS_CALLBACK_BASE_URL` after `SANDBOX_CALLBACK_DELAY_SECONDS`; without that URL it
sends none and reconciliation settles the payment.
"""
