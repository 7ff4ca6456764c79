"""Sets up moto (started with IAM enforced: INITIAL_NO_AUTH_ACTION_COUNT=6) for the least-privilege test.

Usage: python3 least_privilege.py ENDPOINT TEMPLATE MEMORY_STORE BUCKET TABLE

Translates TEMPLATE with the SAM translator (MemoryStore=MEMORY_STORE), takes the inline policy statements SAM gives the
function's role, resolves their conditions and ARNs for BUCKET / TABLE in moto's account, and creates two IAM users with
the six unauthenticated calls moto allows: "admin" (everything, to create the bucket and table) and "function" (exactly
those statements; see below for DynamoDB's resources). Prints {"admin", "function", "statements", "applied"} as JSON.
Start moto with server.py (next to this file), which lets moto check the signatures of S3 listings.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sam"))
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import boto3  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402
from translate import NoManagedPolicies  # noqa: E402

ACCOUNT = "123456789012"  # moto's default account
REGION = "us-east-1"


def resolve(node, values, conditions):
    """Resolves the intrinsics the function's statements use; anything else is an error, not a guess."""
    if isinstance(node, list):
        items = [resolve(item, values, conditions) for item in node]
        return [item for item in items if item is not NoValue]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (name, arg), = node.items()
        if name == "Fn::If":
            condition, yes, no = arg
            return resolve(yes if conditions[condition] else no, values, conditions)
        if name == "Ref":
            return NoValue if arg == "AWS::NoValue" else values[arg]
        if name == "Fn::GetAtt":
            return values[".".join(arg) if isinstance(arg, list) else arg]
        if name == "Fn::Sub":
            text = arg
            for key, value in values.items():
                text = text.replace("${" + key + "}", value)
            if "${" in text:
                raise ValueError("unresolved Fn::Sub: " + arg)
            return text
        if name.startswith("Fn::"):
            raise ValueError("unsupported intrinsic " + name)
    return {key: resolve(value, values, conditions) for key, value in node.items()}


def as_list(value):
    return value if isinstance(value, list) else [value]


class NoValueType:
    pass


NoValue = NoValueType()


def main():
    endpoint, template_path, store, bucket, table = sys.argv[1:6]
    with open(template_path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://packaged-by-sam/function.zip"
    translated = transform(template, {"MemoryStore": store}, NoManagedPolicies())
    role = translated["Resources"]["DigitalTwinFunctionRole"]["Properties"]
    statements = [s for policy in role.get("Policies", []) for s in policy["PolicyDocument"]["Statement"]]
    values = {
        "AWS::Partition": "aws", "AWS::Region": REGION, "AWS::AccountId": ACCOUNT,
        "MemoryBucket": bucket, "MemoryBucket.Arn": "arn:aws:s3:::" + bucket,
        "MemoryTable": table, "MemoryTable.Arn": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}",
        "BedrockModelId": "unused", "BedrockInferenceProfilePrefix": "none",
    }
    conditions = {"UseS3": store == "S3", "UseDynamoDb": store == "DynamoDB", "UseBedrock": False, "UseInferenceProfile": False}
    resolved = resolve(statements, values, conditions)
    # moto authorizes every non-S3 action against the resource "*" (it computes ARNs for S3 only), so a statement naming
    # the table would deny everything there. The DynamoDB statements keep their exact actions with Resource "*"; that
    # they name only the stack's table and index is checked on the template itself (SamTemplateTests).
    applied = [dict(s, Resource="*") if all(a.startswith("dynamodb:") for a in as_list(s["Action"])) else s for s in resolved]

    iam = boto3.client("iam", endpoint_url=endpoint, aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap", region_name=REGION)
    users = {}
    for name, document in (("admin", [{"Effect": "Allow", "Action": "*", "Resource": "*"}]), ("function", applied)):
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName="policy", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": document}))
        key = iam.create_access_key(UserName=name)["AccessKey"]
        users[name] = {"key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}
    print(json.dumps({**users, "statements": resolved, "applied": applied}))


if __name__ == "__main__":
    main()
