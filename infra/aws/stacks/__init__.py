"""The app's stacks: data (network, database, secrets), edge (SPA, product images, e-mail domain),
service (Lambdas, API, queue, schedules, migrations) and monitoring (alarms, dashboard)."""
