"""Payments: mobile money collections (M-Pesa Daraja STK Push, MTN MoMo request to pay, a
sandbox), verified idempotent webhooks, reconciliation, refunds and settlement.

Where things live:
- `providers/`: one interface (`base.PaymentProvider`), Daraja (`daraja`, shapes in
  `daraja_shapes`), MoMo (`momo`), the sandbox (`sandbox`), httpx with retries (`http`).
- `collection`: opening a collection and asking the provider after the payer's transaction
  commits, one request in flight per payment, within a time budget; an answer we cannot
  read leaves the payment pending (`open_collection`, `request_collection`, `check_payer`).
- `webhook` (+ `webhook_routes`): callbacks stored raw first, verified, applied once; an
  unknown reference matched to an unread push, or refunded as an orphan collection.
- `verification` + `settle`: what a provider answer means, applied under row locks.
- `handlers`: the purpose dispatch (`register_outcome_handler`), the port through which
  orders (`orders.payment_outcomes`) and billing act on a settled payment; the entry points
  register them (`chalicelib.wiring`). This package imports neither.
- `steps`: what the payer should do next (approve, wait, retry), for every answer.
- `events`: the sweeper task (reconcile pending payments); `reconciliation`: the daily report.
- `refunds` (every refund, open to completed), `settlements`, `service` (payer view, retry,
  review resolution, the writes other packages ask of payments), `routes`.
- The money views: `settlements` (a wholesaler's list and its due / held / paid summary:
  what "held" means is there), `payouts` (a wholesaler's payouts by reference, the refunds a
  business may see), `payout_accounts` (where a wholesaler is paid), `settlement_admin` (the
  admins' list and bulk payout), `payout_export` (the payout batch CSV), `search` (the
  ledger's search box); their SQL in `settlement_repository`, bodies in `settlement_schemas`.

The sandbox (provider `sandbox`) picks the outcome from the payer phone's last digit:
0 success, 1 cancelled by the user, 2 insufficient funds, 3 no answer (no callback;
reconciliation fails it as a timeout), any other digit success. Its callback goes to
`PAYMENTS_CALLBACK_BASE_URL` after `SANDBOX_CALLBACK_DELAY_SECONDS`; without that URL it
sends none and reconciliation settles the payment.
"""
