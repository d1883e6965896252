"""CloudFormation building blocks: intrinsic functions, resources, the nested-stack split."""
