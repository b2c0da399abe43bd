"""The production deployment: an AWS CDK v2 app in Python (`python -m infra.aws.app`, `make synth`).

Stacks (`stacks/`) compose one construct per concern (`constructs/`); what the constructs are built
from is plain Python that the tests read too: the stage settings (`config`), the Lambdas found in
`functions/` (`discovery`) and what each needs (`profiles`), the API routes of the blueprints
(`route_table`), the database connection budget (`connection_budget`) and the bundles (`bundles`).

jsii, the bridge to the CDK's JavaScript, prints a full-screen banner on every start when Node.js is
past its end of life; the banner is silenced for Node 20 only (the Node.js of the build machines),
before `aws_cdk` is first imported.
"""

import os

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
