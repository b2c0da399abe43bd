"""One construct per concern; the stacks (`infra.aws.stacks`) compose them."""
