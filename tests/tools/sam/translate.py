"""Translates a SAM template with the AWS SAM translator (aws-sam-translator), as CloudFormation's
AWS::Serverless-2016-10-31 transform does, and prints the resulting CloudFormation template as JSON.

Usage: python3 translate.py TEMPLATE [PARAMETERS_JSON]

PARAMETERS_JSON maps parameter names to values, as `sam deploy --parameter-overrides` would give them; parameters not
given take their defaults. Local CodeUri folders are replaced with an S3 location, as `sam package` does before the
transform runs. Nothing here calls AWS: the template names no managed policies, so the policy loader is never asked.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    """The transform asks for AWS managed policy ARNs only when a template names managed policies; this one names none."""

    def load(self):
        return {}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and not str(properties.get("CodeUri", "")).startswith("s3://"):
            properties["CodeUri"] = "s3://packaged-by-sam/function.zip"
    parameters = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(transform(template, parameters, NoManagedPolicies()), indent=1, default=str))


if __name__ == "__main__":
    main()
