"""The arithmetic behind docs/capacity.md: traffic model -> rps, Lambda concurrency, Aurora
ACUs and connections, monthly cost, for 1k, 10k and 100k retailers.

    python docs/capacity_model.py > /tmp/capacity-tables.md

Standard library only. Every input is either MEASURED (a benchmarks/*.md figure, cited next
to it) or an ASSUMPTION (named as such). Change an assumption here and regenerate the tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

SCALES = (1_000, 10_000, 100_000)

# ---------------------------------------------------------------------------------------
# ASSUMPTIONS: the traffic model
WHOLESALERS_PER_RETAILER = 0.1  # benchmarks/README.md `large`: 1,000 wholesalers, 10,000 retailers
PRODUCTS_PER_WHOLESALER = 300  # benchmarks/README.md `large`: 300,000 products, 1,000 wholesalers
CHECKOUTS_PER_RETAILER_DAY = 1.0  # "retailers ordering daily"
ORDERS_PER_CHECKOUT = 2.5  # one order per wholesaler; CHECKOUT.md measures 3 wholesalers x 5 lines
MOBILE_MONEY_SHARE = 0.6  # the rest pay on delivery
CALLBACKS_PER_PAYMENT = 1.1  # providers re-deliver some callbacks
PEAK_HOUR_SHARE = 0.15  # share of a day's traffic in its busiest hour (uniform would be 0.042)
BURST = 2.0  # busiest minute over the busiest hour's average
HOURLY_PROFILE = (  # share of the day per hour (EAT), peak 0.15 at 08:00-09:00
    0.004, 0.003, 0.002, 0.002, 0.003, 0.010, 0.040, 0.090, 0.150, 0.130, 0.110, 0.090,
    0.075, 0.065, 0.055, 0.050, 0.040, 0.030, 0.020, 0.012, 0.008, 0.005, 0.004, 0.002,
)  # fmt: skip
SMS_RECIPIENTS_PER_BUSINESS = 1.0  # the owner; staff with phones multiply the SMS lines
ADMINS_PER_RETAILER, MIN_ADMINS = 1 / 5_000, 2
ADMIN_REQUESTS_PER_DAY = 300
HEALTH_CHECKS_PER_DAY = 1_440  # one synthetic check a minute

# Requests per retailer per day (two sessions: one buying, one following orders up).
RETAILER_DAY = {
    "auth.refresh": 3,
    "auth.me": 2,
    "auth.sign_in": 0.05,  # refresh tokens live 30 days (README)
    "catalog.search": 10,  # 8 queries + 2 next pages
    "catalog.detail": 12,
    "catalog.compare": 3,
    "catalog.categories": 2,
    "checkout.cart_read": 5,
    "checkout.cart_write": 12,
    "checkout.checkout": CHECKOUTS_PER_RETAILER_DAY,
    "checkout.payment_poll": 3 * MOBILE_MONEY_SHARE,
    "checkout.order_read": 7,
    "checkout.order_move": ORDERS_PER_CHECKOUT * 0.5,  # half the `completed` moves
    "account.read": 5,
}
# Requests per wholesaler per day, beside the per-order ones below.
WHOLESALER_DAY = {
    "auth.refresh": 6,
    "auth.me": 3,
    "checkout.order_read": 17,
    "catalog.inventory_read": 20,
    "catalog.inventory_write": 15,
    "account.read": 10,
}
WHOLESALER_PER_ORDER = {"checkout.order_read": 1, "checkout.order_move": 4.5}  # accept .. deliver, half `completed`

# ASSUMPTIONS: search mix (RESULTS.md operations) and how search cost grows with the catalog.
SEARCH_MIX = {
    "specific": 0.50,
    "word_category": 0.20,
    "misspelt": 0.10,
    "misspelt_common": 0.05,
    "broad_fresh": 0.075,
    "broad_retail": 0.075,
}
BENCHMARK_PRODUCTS = 300_000  # RESULTS.md: 300,000 products; search SQL assumed linear in listings

# ASSUMPTIONS: from a benchmark on the 2-core dev machine to Lambda (arm64) and Aurora.
MEMORY_MB = {"auth": 1024, "catalog": 1024, "checkout": 1024, "billing": 1024}  # infra/aws/profiles.py
DEFAULT_MEMORY_MB = 512  # .chalice/config.json lambda_memory_size; infra/aws/profiles.py default
VCPU_MB = 1769  # Lambda: 1 vCPU at 1,769 MB; one dev-machine core assumed = one Graviton core
RTT_MS_PER_STATEMENT = 1.0  # Lambda -> RDS Proxy -> Aurora round trip (benchmarks: 127.0.0.1)
INVOCATION_OVERHEAD_MS = 5.0  # runtime, Powertools log/metrics flush, X-Ray segment
PROVIDER_CALL_MS = 1_500.0  # STK Push / request-to-pay answer (SLOW_PROVIDERS.md fakes answer at once)
PROVIDER_QUERY_MS = 1_000.0  # status query a webhook and reconciliation make
AWS_API_CALL_MS = 40.0  # one SES SendEmail / SNS Publish from the VPC
ACU_PER_VCPU = 4.0  # 1 ACU ~ 2 GiB; r-class instances have 8 GiB per vCPU
DB_CPU_TARGET = 0.7  # plan Aurora for 70 % CPU at the peak
BUFFER_SHARE = 0.68  # Aurora PostgreSQL shared_buffers ~ memory/12038 pages of 8 KiB
MB_PER_BACKEND = 8.0  # memory of one PostgreSQL connection
HOT_ORDER_DATA_GB_PER_10K = 0.5  # recent orders, payments, sessions kept cached, per 10k retailers
CATALOG_MB_PER_PRODUCT = (259 + 236) / BENCHMARK_PRODUCTS  # RESULTS.md: products 259 MB + listings 236 MB
STORAGE_KB_PER_ORDER = 30.0  # order, lines, timeline, outbox, notifications, deliveries, indexes
WARM_PER_CONCURRENT = 1.5  # warm containers per concurrent execution at the peak (idle ones linger)
MIN_ACU = {1_000: 0.5, 10_000: 2.0, 100_000: 8.0}  # keeps the hot data set in shared_buffers (capacity.md)
HA_READER = True  # a reader in promotion tier 0-1 scales with the writer: twice the ACU-hours
MAX_ACU = 256.0  # Aurora Serverless v2 per instance, recent engine versions (128 on older ones)

# ---------------------------------------------------------------------------------------
# MEASURED (benchmarks/*.md): handler and SQL p50 ms, statements per request.


@dataclass(frozen=True)
class Request:
    function: str
    handler_ms: float  # p50 of app(event, context) in-process, SQL included
    sql_ms: float  # p50 of the same statements replayed on a bare connection
    statements: float
    external_ms: float = 0.0  # calls outside the VPC's AWS APIs (payment providers)
    cpu_ms: float | None = None  # CPU time when it differs from handler - SQL (argon2's 4 lanes)
    scales_with_catalog: bool = False
    source: str = "ASSUMPTION"


def _search() -> Request:
    measured = {  # RESULTS.md (2026-12-03, large, 200 runs): handler p50, SQL p50
        "specific": (14.0, 10.4, 2),
        "word_category": (33.2, 27.1, 3),
        "misspelt": (31.5, 27.7, 2),
        "misspelt_common": (212.2, 196.5, 2),
        "broad_fresh": (190.7, 181.5, 2),
        "broad_retail": (218.3, 211.4, 2),
    }
    handler = sum(SEARCH_MIX[k] * v[0] for k, v in measured.items())
    sql = sum(SEARCH_MIX[k] * v[1] for k, v in measured.items())
    statements = sum(SEARCH_MIX[k] * v[2] for k, v in measured.items())
    return Request("catalog", handler, sql, statements, scales_with_catalog=True, source="RESULTS.md, mix assumed")


GET_ORDERS = (5.9, 0.9, 2)  # CHECKOUT.md GET /orders (retailer)
REQUESTS = {
    "auth.refresh": Request("auth", 8.0, 3.0, 5),
    "auth.me": Request("auth", 2.8, 0.7, 2, source="RESULTS.md GET /me"),
    "auth.sign_in": Request("auth", 210.0, 3.0, 6, cpu_ms=400.0, source="argon2 verify 200 ms on 2 cores, measured"),
    "catalog.search": _search(),
    "catalog.detail": Request("catalog", 2.7, 1.1, 2, source="RESULTS.md product detail"),
    "catalog.compare": Request("catalog", 3.6, 1.5, 2, source="RESULTS.md compare"),
    "catalog.categories": Request("catalog", 2.7, 1.1, 2),
    "catalog.inventory_read": Request("catalog", *GET_ORDERS, source="as CHECKOUT.md GET /orders"),
    "catalog.inventory_write": Request("catalog", 20.0, 8.0, 10),
    "checkout.cart_read": Request("checkout", 10.0, 3.0, 4),
    "checkout.cart_write": Request("checkout", 15.0, 5.0, 8),
    "checkout.checkout": Request(
        "checkout", 26.8, 11.0, 29, external_ms=MOBILE_MONEY_SHARE * PROVIDER_CALL_MS, source="CHECKOUT.md 3 x 5"
    ),
    "checkout.payment_poll": Request("checkout", *GET_ORDERS, source="as CHECKOUT.md GET /orders"),
    "checkout.order_read": Request("checkout", *GET_ORDERS, source="CHECKOUT.md GET /orders"),
    "checkout.order_move": Request("checkout", 15.0, 6.0, 8),
    "account.read": Request("account", *GET_ORDERS, source="as CHECKOUT.md GET /orders"),
    "admin.any": Request("admin", 12.0, 2.0, 4),
    "payment_webhooks.callback": Request(
        "payment_webhooks", 17.11, 6.8, 20, external_ms=PROVIDER_QUERY_MS, source="PAYMENTS_WEBHOOK.md success p50"
    ),
    "system.health": Request("system", 2.0, 0.3, 1),
}
# NOTIFICATIONS.md: 21.3 ms a message handler-only (47/s), ~40 % moto SES, ~35 % PostgreSQL.
NOTIFICATION_CPU_MS, NOTIFICATION_SQL_MS, NOTIFICATION_STATEMENTS = 21.3 * 0.25, 21.3 * 0.35, 8
BILLING_PER_SECOND = 2_700  # commit d34403e: billing run 2,700-4,400 subscriptions/s at 20,000
SWEEPER_MS = 300.0  # ASSUMPTION: three tasks, a few statements each, leftovers of the fast path

# ---------------------------------------------------------------------------------------
# Prices: us-east-1 list prices found 2026-12-03 (docs/capacity.md cites them). ESTIMATES.
PRICE = {
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_s_arm": 0.0000133334,
    "apigw_rest": 3.50 / 1e6,
    "acu_hour": 0.12,
    "aurora_storage_gb": 0.10,
    "aurora_io": 0.20 / 1e6,
    "proxy_acu_hour": 0.015,  # minimum 8 ACUs
    "nat_hour": 0.045,
    "nat_gb": 0.045,
    "endpoint_az_hour": 0.01,
    "waf_acl": 5.0,
    "waf_rule": 1.0,
    "waf_request": 0.60 / 1e6,
    "sqs_request": 0.40 / 1e6,
    "ses_email": 0.10 / 1_000,
    "sms": 0.10,  # ASSUMPTION: Kenya, per message part; not found in a price list here
    "logs_ingest_gb": 0.50,
    "logs_store_gb": 0.03,
    "xray_trace": 5.0 / 1e6,
    "metric": 0.30,
    "secret": 0.40,
    "s3_gb": 0.023,
    "transfer_out_gb": 0.09,
    "cloudfront_gb": 0.11,  # ASSUMPTION: Africa edge price class; first 1 TB a month is free
}
NAT_GATEWAYS = 2  # ASSUMPTION: one per AZ, two AZs
INTERFACE_ENDPOINTS = 4  # infra/aws/components/network.py: Secrets Manager, SQS, SNS, SES; S3 gateway (free)
WAF_ACLS, WAF_RULES = 2, 8  # ASSUMPTION: API + CloudFront, five managed groups and three own rules
SECRETS = 5
METRICS = 60
LOG_KB_PER_INVOCATION = 1.5
LOG_RETENTION_MONTHS = 3  # prod: 90 days (.chalice/config.json)
XRAY_SAMPLED = 0.05
RESPONSE_KB = 5.0
IMAGE_MB_PER_BUYING_SESSION = 9.0  # ASSUMPTION: ~60 images x 150 KB, uploads are not resized (5 MB max)
SPA_MB_PER_SESSION = 0.2
IMAGE_MB_STORED_PER_PRODUCT = 1.0
MONTH_HOURS = 730
MONTH_DAYS = MONTH_HOURS / 24


def memory_mb(function: str) -> int:
    return MEMORY_MB.get(function, DEFAULT_MEMORY_MB)


def cpu_factor(function: str) -> float:
    """How much slower than one dev-machine core Python runs in this function (1 at 1,769 MB)."""
    return max(1.0, VCPU_MB / memory_mb(function))


def duration_ms(request: Request, products: int) -> float:
    sql = request.sql_ms * (products / BENCHMARK_PRODUCTS if request.scales_with_catalog else 1.0)
    cpu = request.cpu_ms if request.cpu_ms is not None else request.handler_ms - request.sql_ms
    return (
        cpu_factor(request.function) * cpu
        + sql
        + request.statements * RTT_MS_PER_STATEMENT
        + INVOCATION_OVERHEAD_MS
        + (request.external_ms)
    )


def db_ms(request: Request, products: int) -> float:
    return request.sql_ms * (products / BENCHMARK_PRODUCTS if request.scales_with_catalog else 1.0)


@dataclass
class Scale:
    retailers: int

    @property
    def wholesalers(self) -> int:
        return round(self.retailers * WHOLESALERS_PER_RETAILER)

    @property
    def products(self) -> int:
        return self.wholesalers * PRODUCTS_PER_WHOLESALER

    @property
    def orders_per_day(self) -> float:
        return self.retailers * CHECKOUTS_PER_RETAILER_DAY * ORDERS_PER_CHECKOUT

    def requests_per_day(self) -> dict[str, float]:
        daily: dict[str, float] = {}
        for name, per in RETAILER_DAY.items():
            daily[name] = daily.get(name, 0.0) + per * self.retailers
        for name, per in WHOLESALER_DAY.items():
            daily[name] = daily.get(name, 0.0) + per * self.wholesalers
        for name, per in WHOLESALER_PER_ORDER.items():
            daily[name] = daily.get(name, 0.0) + per * self.orders_per_day
        daily["admin.any"] = max(MIN_ADMINS, self.retailers * ADMINS_PER_RETAILER) * ADMIN_REQUESTS_PER_DAY
        subscriptions_due = (self.retailers + self.wholesalers) / 30
        payments = self.retailers * CHECKOUTS_PER_RETAILER_DAY * MOBILE_MONEY_SHARE + subscriptions_due
        daily["payment_webhooks.callback"] = payments * CALLBACKS_PER_PAYMENT
        daily["system.health"] = HEALTH_CHECKS_PER_DAY
        return daily

    # notifications: events per order (recipients.py, orders/state.py) and billing
    def notification_events_per_day(self) -> float:
        per_order = 1 + 5 + MOBILE_MONEY_SHARE + MOBILE_MONEY_SHARE / ORDERS_PER_CHECKOUT
        billing = 2 * (self.retailers + self.wholesalers) / 30
        return per_order * self.orders_per_day + billing

    def sms_per_day(self) -> float:
        per_order = 1 + 5 + MOBILE_MONEY_SHARE + MOBILE_MONEY_SHARE / ORDERS_PER_CHECKOUT
        return per_order * self.orders_per_day * SMS_RECIPIENTS_PER_BUSINESS

    def emails_per_day(self) -> float:
        per_order = 1 + MOBILE_MONEY_SHARE / ORDERS_PER_CHECKOUT
        return per_order * self.orders_per_day + 2 * (self.retailers + self.wholesalers) / 30

    def notification_ms(self) -> float:
        sends = (self.sms_per_day() + self.emails_per_day()) / self.notification_events_per_day()
        return (
            cpu_factor("notifications") * NOTIFICATION_CPU_MS
            + NOTIFICATION_SQL_MS
            + NOTIFICATION_STATEMENTS * RTT_MS_PER_STATEMENT
            + sends * AWS_API_CALL_MS
            + INVOCATION_OVERHEAD_MS / 10
        )

    def per_function(self) -> dict[str, dict[str, float]]:
        """Per function: requests/day, peak rps, mean ms, peak concurrency (burst), DB ms/s at peak."""
        out: dict[str, dict[str, float]] = {}
        for name, per_day in self.requests_per_day().items():
            request = REQUESTS[name]
            row = out.setdefault(
                request.function, {"per_day": 0.0, "rps": 0.0, "busy_ms": 0.0, "db_ms": 0.0, "work_ms": 0.0}
            )
            rps = per_day * PEAK_HOUR_SHARE / 3600
            row["per_day"] += per_day
            row["rps"] += rps
            row["busy_ms"] += rps * duration_ms(request, self.products)
            row["db_ms"] += rps * db_ms(request, self.products)
            row["work_ms"] += per_day * duration_ms(request, self.products)
        events = self.notification_events_per_day()
        rps = events * PEAK_HOUR_SHARE / 3600
        out["notifications"] = {
            "per_day": events / 10,  # batches of 10 messages
            "rps": rps,
            "busy_ms": rps * self.notification_ms(),
            "db_ms": rps * NOTIFICATION_SQL_MS,
            "work_ms": events * self.notification_ms(),
        }
        out["sweeper"] = {
            "per_day": 1_440,
            "rps": 1 / 60,
            "busy_ms": SWEEPER_MS / 60,
            "db_ms": 20 / 60,
            "work_ms": 1_440 * SWEEPER_MS,
        }
        due_per_hour = (self.retailers + self.wholesalers) / 30 / 24
        billing_ms = max(2_000.0, 1_000 * due_per_hour / BILLING_PER_SECOND)
        out["billing"] = {
            "per_day": 24,
            "rps": 1 / 3600,
            "busy_ms": billing_ms / 3600,
            "db_ms": billing_ms / 7200,
            "work_ms": 24 * billing_ms,
        }
        for row in out.values():
            row["mean_ms"] = row["busy_ms"] / row["rps"] if row["rps"] else 0.0
            row["concurrency"] = BURST * row["busy_ms"] / 1000
        return out

    def peak_db_vcpu(self) -> float:
        return sum(row["db_ms"] for row in self.per_function().values()) / 1000

    def hot_set_gb(self) -> float:
        return self.products * CATALOG_MB_PER_PRODUCT / 1024 + HOT_ORDER_DATA_GB_PER_10K * self.retailers / 10_000

    def warm_containers(self) -> int:
        return sum(math.ceil(row["concurrency"] * WARM_PER_CONCURRENT) + 1 for row in self.per_function().values())

    def memory_acu(self) -> float:
        return (self.hot_set_gb() + self.warm_containers() * MB_PER_BACKEND / 1024) / (2 * BUFFER_SHARE)

    def min_acu(self) -> float:
        return MIN_ACU.get(self.retailers, max(0.5, math.ceil(self.memory_acu() * 2) / 2))

    def acu(self, cpu_share: float, burst: float = 1.0) -> float:
        """ACUs of an hour carrying `cpu_share` of the peak hour's database CPU (`burst`: its busiest minute)."""
        cpu = self.peak_db_vcpu() * cpu_share * burst / DB_CPU_TARGET * ACU_PER_VCPU
        return max(self.min_acu(), math.ceil(max(cpu, self.memory_acu()) * 2) / 2)

    def peak_acu(self) -> float:
        return self.acu(1.0, BURST)

    def hourly_acu(self) -> list[float]:
        return [self.acu(share / PEAK_HOUR_SHARE) for share in HOURLY_PROFILE]

    def acu_hours_month(self) -> float:
        return MONTH_DAYS * sum(self.hourly_acu())

    def concurrency(self) -> float:
        return sum(row["concurrency"] for row in self.per_function().values())

    def peak_rps(self) -> float:
        return sum(self.requests_per_day().values()) * PEAK_HOUR_SHARE / 3600

    def monthly_cost(self) -> dict[str, float]:
        functions = self.per_function()
        requests_month = sum(row["per_day"] for name, row in functions.items()) * MONTH_DAYS
        api_month = sum(self.requests_per_day().values()) * MONTH_DAYS
        gb_s = MONTH_DAYS / 1000 * sum(row["work_ms"] * memory_mb(name) / 1024 for name, row in functions.items())
        acu_hours = self.acu_hours_month()
        instances = 2 if HA_READER else 1
        proxy_acu_hours = MONTH_DAYS * sum(max(8.0, instances * acu) for acu in self.hourly_acu())
        storage_gb = self.products * (CATALOG_MB_PER_PRODUCT / 1024) + 12 * MONTH_DAYS * self.orders_per_day * (
            STORAGE_KB_PER_ORDER / 1024 / 1024
        )
        writes_month = (
            self.orders_per_day * 10 + self.notification_events_per_day() * 3
        ) * MONTH_DAYS  # write transactions
        sessions_month = self.retailers * 2 * MONTH_DAYS + self.wholesalers * 2 * MONTH_DAYS
        image_gb = self.retailers * MONTH_DAYS * IMAGE_MB_PER_BUYING_SESSION / 1024
        spa_gb = sessions_month * SPA_MB_PER_SESSION / 1024
        logs_gb = requests_month * LOG_KB_PER_INVOCATION / 1024 / 1024
        sqs_requests = self.notification_events_per_day() * MONTH_DAYS * 1.3 + 650_000
        return {
            "Lambda requests": requests_month * PRICE["lambda_request"],
            "Lambda GB-s (arm64)": gb_s * PRICE["lambda_gb_s_arm"],
            "API Gateway REST": api_month * PRICE["apigw_rest"],
            "Aurora ACU-hours (writer)": acu_hours * PRICE["acu_hour"],
            "Aurora ACU-hours (HA reader)": (acu_hours if HA_READER else 0.0) * PRICE["acu_hour"],
            "Aurora storage (after 12 months)": storage_gb * PRICE["aurora_storage_gb"],
            "Aurora I/O": writes_month * 10 * PRICE["aurora_io"],
            "RDS Proxy": proxy_acu_hours * PRICE["proxy_acu_hour"],
            "NAT gateways": NAT_GATEWAYS * MONTH_HOURS * PRICE["nat_hour"]
            + self.requests_per_day()["payment_webhooks.callback"]
            * 2
            * MONTH_DAYS
            * 10
            / 1024
            / 1024
            * PRICE["nat_gb"],
            "VPC interface endpoints": INTERFACE_ENDPOINTS * 2 * MONTH_HOURS * PRICE["endpoint_az_hour"],
            "CloudFront (SPA)": max(0.0, spa_gb - 1024) * PRICE["cloudfront_gb"],
            "S3 images: storage + transfer out": self.products * IMAGE_MB_STORED_PER_PRODUCT / 1024 * PRICE["s3_gb"]
            + max(0.0, image_gb - 100) * PRICE["transfer_out_gb"],
            "API data transfer out": api_month * RESPONSE_KB / 1024 / 1024 * PRICE["transfer_out_gb"],
            "SQS": max(0.0, sqs_requests - 1e6) * PRICE["sqs_request"],
            "SES e-mail": self.emails_per_day() * MONTH_DAYS * PRICE["ses_email"],
            "SNS SMS (Kenya)": self.sms_per_day() * MONTH_DAYS * PRICE["sms"],
            "WAF": WAF_ACLS * PRICE["waf_acl"] + WAF_RULES * PRICE["waf_rule"] + api_month * PRICE["waf_request"],
            "CloudWatch logs, metrics; X-Ray": logs_gb * PRICE["logs_ingest_gb"]
            + logs_gb * LOG_RETENTION_MONTHS * PRICE["logs_store_gb"]
            + METRICS * PRICE["metric"]
            + api_month * XRAY_SAMPLED * PRICE["xray_trace"],
            "Secrets Manager": SECRETS * PRICE["secret"],
        }


def idle_cost(min_acu: float) -> dict[str, float]:
    """A month without traffic: what is billed by the hour."""
    instances = 2 if HA_READER else 1
    return {
        "Aurora (writer + HA reader at min ACU)": instances * min_acu * MONTH_HOURS * PRICE["acu_hour"],
        "RDS Proxy (8 ACU minimum)": max(8.0, instances * min_acu) * MONTH_HOURS * PRICE["proxy_acu_hour"],
        "NAT gateways": NAT_GATEWAYS * MONTH_HOURS * PRICE["nat_hour"],
        "VPC interface endpoints": INTERFACE_ENDPOINTS * 2 * MONTH_HOURS * PRICE["endpoint_az_hour"],
        "WAF ACLs and rules": WAF_ACLS * PRICE["waf_acl"] + WAF_RULES * PRICE["waf_rule"],
        "Secrets, metrics": SECRETS * PRICE["secret"] + METRICS * PRICE["metric"],
    }


LIMITS: dict[str, tuple[float, Callable[[Scale], float]]] = {  # what: (limit, value at a scale)
    "Aurora ACUs at the busiest minute > 256 (instance maximum)": (MAX_ACU, lambda s: s.peak_acu()),
    "Lambda concurrency > 1,000 (account default)": (1_000.0, lambda s: s.concurrency()),
    "API rps at the busiest minute > 5,000 (API Gateway burst)": (5_000.0, lambda s: s.peak_rps() * BURST),
    "proxy client connections (pinned: warm containers) > 5,000 (Aurora max_connections, min ACU >= 1)": (
        5_000.0,
        lambda s: float(s.warm_containers()),
    ),
    "SMS a second at the busiest minute > 20 (ASSUMPTION: account quota, unverified)": (
        20.0,
        lambda s: s.sms_per_day() * PEAK_HOUR_SHARE / 3600 * BURST,
    ),
    "e-mails a day > 200 (SES sandbox)": (200.0, lambda s: s.emails_per_day()),
}


# The prod stage of infra/aws/config.py as it stood on 2026-12-03 (work in progress).
CDK_PROD_API_RATE = 200.0  # api_rate_limit (stage throttle, rps)
CDK_PROD_MAX_ACU = 16.0
CDK_PROD_RESERVED = {"catalog": 120, "checkout": 80, "auth": 40, "account": 30, "payment_webhooks": 30}
CDK_PROD_NOTIFICATIONS_CONCURRENCY = 10


def _function_concurrency(name: str) -> Callable[[Scale], float]:
    return lambda s: s.per_function()[name]["concurrency"]


LIMITS.update(
    {
        "API rps at the busiest minute > 200 (CDK prod stage throttle)": (
            CDK_PROD_API_RATE,
            lambda s: s.peak_rps() * BURST,
        ),
        "Aurora ACUs at the busiest minute > 16 (CDK prod max_acu)": (CDK_PROD_MAX_ACU, lambda s: s.peak_acu()),
        "notifications consumer concurrency > 10 (CDK prod event source maximum)": (
            float(CDK_PROD_NOTIFICATIONS_CONCURRENCY),
            _function_concurrency("notifications"),
        ),
        **{
            f"{name} concurrency > {limit} (CDK prod reserved concurrency)": (
                float(limit),
                _function_concurrency(name),
            )
            for name, limit in CDK_PROD_RESERVED.items()
        },
    }
)


def breaking_points() -> dict[str, int]:
    """The smallest number of retailers (5 % steps from 100) at which each limit is crossed."""
    found: dict[str, int] = {}
    retailers = 100.0
    while retailers <= 10_000_000 and len(found) < len(LIMITS):
        scale = Scale(round(retailers))
        for what, (limit, value) in LIMITS.items():
            if what not in found and value(scale) > limit:
                found[what] = scale.retailers
        retailers *= 1.05
    return dict(sorted(found.items(), key=lambda item: item[1]))


def money(value: float) -> str:
    return f"${value:,.0f}" if value >= 10 else f"${value:,.2f}"


def main() -> None:
    scales = [Scale(n) for n in SCALES]
    print("| | " + " | ".join(f"{s.retailers:,} retailers" for s in scales) + " |")
    print("|---|" + "---:|" * len(scales))
    rows: dict[str, Callable[[Scale], str]] = {
        "wholesalers / products": lambda s: f"{s.wholesalers:,} / {s.products:,}",
        "orders/day": lambda s: f"{s.orders_per_day:,.0f}",
        "API requests/day": lambda s: f"{sum(s.requests_per_day().values()):,.0f}",
        "peak API rps (busiest hour)": lambda s: f"{s.peak_rps():,.1f}",
        "notification messages/day": lambda s: f"{s.notification_events_per_day():,.0f}",
        "e-mails/day / SMS/day": lambda s: f"{s.emails_per_day():,.0f} / {s.sms_per_day():,.0f}",
        "Lambda concurrency at peak (busiest minute)": lambda s: f"{s.concurrency():,.1f}",
        "warm containers (~ proxy client connections)": lambda s: f"{s.warm_containers():,}",
        "Aurora vCPU busy at peak (mean)": lambda s: f"{s.peak_db_vcpu():,.2f}",
        "hot data set GB": lambda s: f"{s.hot_set_gb():,.1f}",
        "Aurora min ACU / ACUs at peak (busiest minute) / ACU-hours a month (writer)": lambda s: (
            f"{s.min_acu():,.1f} / {s.peak_acu():,.1f} / {s.acu_hours_month():,.0f}"
        ),
    }
    for label, value in rows.items():
        print(f"| {label} | " + " | ".join(value(s) for s in scales) + " |")
    print()
    for scale in scales:
        print(f"\n{scale.retailers:,} retailers: function, requests/day, peak rps, mean ms, concurrency, DB ms/s")
        for name, row in sorted(scale.per_function().items()):
            print(
                f"| {name} | {row['per_day']:,.0f} | {row['rps']:,.2f} | {row['mean_ms']:,.0f} |"
                f" {row['concurrency']:,.2f} | {row['db_ms']:,.1f} |"
            )
    print()
    costs = [s.monthly_cost() for s in scales]
    for line in costs[0]:
        print(f"| {line} | " + " | ".join(money(c[line]) for c in costs) + " |")
    print("| **total** | " + " | ".join(f"**{money(sum(c.values()))}**" for c in costs) + " |")
    print("| total without SMS | " + " | ".join(money(sum(c.values()) - c["SNS SMS (Kenya)"]) for c in costs) + " |")
    print()
    idles = [idle_cost(s.min_acu()) for s in scales]
    for line in idles[0]:
        print(f"| {line} | " + " | ".join(money(c[line]) for c in idles) + " |")
    print("| **idle total** | " + " | ".join(f"**{money(sum(c.values()))}**" for c in idles) + " |")
    print()
    for what, retailers in breaking_points().items():
        print(f"| {what} | {retailers:,} |")


if __name__ == "__main__":
    main()
