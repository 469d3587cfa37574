#!/usr/bin/python3
"""boto3 (Debian's python3-boto3) against the simulator: paginators, waiters (with short delays) and error codes.

Called by run.sh with ENDPOINT and RESULTS set; appends one line per call to RESULTS:
client, service, operation, pass|fail, detail, milliseconds.
"""
import io
import os
import time

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError, WaiterError

ENDPOINT = os.environ["ENDPOINT"]
RESULTS = os.environ["RESULTS"]
SESSION = boto3.session.Session(aws_access_key_id="AKIACONFORMANCEBOTO3", aws_secret_access_key="conformance",
                                region_name="us-east-1")
FAST = {"Delay": 1, "MaxAttempts": 60}
_last = [time.monotonic()]


def client(name, region="us-east-1"):
    return SESSION.client(name, endpoint_url=ENDPOINT, region_name=region)


def record(service, operation, ok, detail=""):
    now = time.monotonic()
    with open(RESULTS, "a") as out:
        out.write("boto3\t%s\t%s\t%s\t%s\t%d\n" % (service, operation, "pass" if ok else "fail",
                                                    str(detail).replace("\t", " ").replace("\n", " ")[:300],
                                                    (now - _last[0]) * 1000))
    _last[0] = now


def call(service, operation, fn, check=None):
    """Runs fn(); passes when it returns and check(result) (if given) is true. Returns the result or None."""
    try:
        result = fn()
    except Exception as e:  # noqa: BLE001 - any failure of a client call is a failed call
        record(service, operation, False, repr(e))
        return None
    if check is not None and not check(result):
        record(service, operation, False, "unexpected result: %r" % (result,))
        return result
    record(service, operation, True)
    return result


def fails(service, operation, code, status, fn):
    """Passes when fn() raises ClientError with that error code and HTTP status."""
    try:
        fn()
    except ClientError as e:
        got = (e.response["Error"].get("Code"), e.response["ResponseMetadata"].get("HTTPStatusCode"))
        record(service, operation, got == (code, status), "" if got == (code, status) else "expected %s %s, got %s %s" %
               (code, status, got[0], got[1]))
        return
    except Exception as e:  # noqa: BLE001
        record(service, operation, False, "expected %s, got %r" % (code, e))
        return
    record(service, operation, False, "expected %s, the call succeeded" % code)


def paginate(service, client_, operation, key, minimum, **kwargs):
    """A botocore paginator; passes when it gathers at least `minimum` items (over several pages when a PageSize is given)."""
    paged = "PageSize" in kwargs.get("PaginationConfig", {})

    def run():
        pages = list(client_.get_paginator(operation).paginate(**kwargs))
        items = [item for page in pages for item in page.get(key, [])]
        return pages, items
    call(service, "paginator:" + operation, run, lambda r: len(r[1]) >= minimum and (not paged or len(r[1]) <= kwargs["PaginationConfig"]["PageSize"]
                                                               or len(r[0]) > 1))


def wait(service, client_, name, **kwargs):
    def run():
        client_.get_waiter(name).wait(WaiterConfig=FAST, **kwargs)
        return True
    return call(service, "waiter:" + name, run)


ec2, west = client("ec2"), client("ec2", "us-west-2")
asg, elbv2, elb = client("autoscaling"), client("elbv2"), client("elb")
cd, s3, ssm, sts = client("codedeploy"), client("s3"), client("ssm"), client("sts")
cw = client("cloudwatch")

# ---- STS ----
call("sts", "GetCallerIdentity", sts.get_caller_identity, lambda r: r["Account"] == "123456789012")

# ---- EC2 ----
web = [i["InstanceId"] for r in ec2.describe_instances(Filters=[{"Name": "tag:aws:autoscaling:groupName", "Values": ["web"]},
       {"Name": "instance-state-name", "Values": ["running"]}])["Reservations"] for i in r["Instances"]]
paginate("ec2", ec2, "describe_instances", "Reservations", 2, PaginationConfig={"PageSize": 5})
paginate("ec2", ec2, "describe_instance_status", "InstanceStatuses", 2, PaginationConfig={"PageSize": 5})
call("ec2", "DescribeImages", lambda: ec2.describe_images(Owners=["self"]), lambda r: len(r["Images"]) >= 1)
paginate("ec2", ec2, "describe_snapshots", "Snapshots", 1, OwnerIds=["self"], PaginationConfig={"PageSize": 5})
paginate("ec2", ec2, "describe_tags", "Tags", 2, PaginationConfig={"PageSize": 5})
paginate("ec2", ec2, "describe_launch_template_versions", "LaunchTemplateVersions", 1, LaunchTemplateName="web-lt")
paginate("ec2", ec2, "describe_security_groups", "SecurityGroups", 1)
call("ec2", "DescribeInstances.NetworkInterfaces", lambda: ec2.describe_instances(InstanceIds=web[:1]),
     lambda r: r["Reservations"][0]["Instances"][0]["NetworkInterfaces"][0]["PrivateIpAddress"]
     == r["Reservations"][0]["Instances"][0]["PrivateIpAddress"])
fails("ec2", "DescribeInstances", "InvalidInstanceID.Malformed", 400, lambda: ec2.describe_instances(InstanceIds=["i-xyz"]))
fails("ec2", "DescribeInstances", "InvalidInstanceID.NotFound", 400,
      lambda: ec2.describe_instances(InstanceIds=["i-00000000000000000"]))
fails("ec2", "DescribeImages", "InvalidAMIID.Malformed", 400, lambda: ec2.describe_images(ImageIds=["ami-zzz"]))
fails("ec2", "DescribeImages", "InvalidAMIID.NotFound", 400, lambda: ec2.describe_images(ImageIds=["ami-00000000000000000"]))
base = ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": ["base-al2023-*"]}])["Images"][0]["ImageId"]
fails("ec2", "RunInstances", "InvalidParameterValue", 400,
      lambda: ec2.run_instances(ImageId=base, InstanceType="t3.banana", MinCount=1, MaxCount=1))
fails("ec2", "RunInstances", "InvalidKeyPair.NotFound", 400,
      lambda: ec2.run_instances(ImageId=base, InstanceType="t3.micro", KeyName="nope", MinCount=1, MaxCount=1))
run = call("ec2", "RunInstances", lambda: ec2.run_instances(
    ImageId=base, InstanceType="t3.small", MinCount=1, MaxCount=1,
    BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "Encrypted": True,
                                                             "KmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}}]))
builder = run["Instances"][0]["InstanceId"] if run else "i-00000000000000000"
wait("ec2", ec2, "instance_running", InstanceIds=[builder])
wait("ec2", ec2, "instance_status_ok", InstanceIds=[builder])
image = call("ec2", "CreateImage", lambda: ec2.create_image(InstanceId=builder, Name="boto3-image", NoReboot=True))
image_id = image["ImageId"] if image else "ami-00000000000000000"
wait("ec2", ec2, "image_available", ImageIds=[image_id])
call("ec2", "DescribeImages.KmsKeyId", lambda: ec2.describe_images(ImageIds=[image_id]),
     lambda r: r["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["KmsKeyId"]
     == "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
copy = call("ec2", "CopyImage", lambda: west.copy_image(SourceImageId=image_id, SourceRegion="us-east-1", Name="boto3-image"))
copy_id = copy["ImageId"] if copy else "ami-00000000000000000"
wait("ec2", west, "image_available", ImageIds=[copy_id])
call("ec2", "CopyImage.Encrypted", lambda: west.describe_images(ImageIds=[copy_id]),
     lambda r: r["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["Encrypted"]
     and r["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["KmsKeyId"].startswith("arn:aws:kms:us-west-2:"))
call("ec2", "TerminateInstances", lambda: ec2.terminate_instances(InstanceIds=[builder]))
wait("ec2", ec2, "instance_terminated", InstanceIds=[builder])
call("ec2", "DeregisterImage", lambda: west.deregister_image(ImageId=copy_id))

# ---- Auto Scaling ----
paginate("autoscaling", asg, "describe_auto_scaling_groups", "AutoScalingGroups", 1, PaginationConfig={"PageSize": 1})
paginate("autoscaling", asg, "describe_auto_scaling_instances", "AutoScalingInstances", 2, PaginationConfig={"PageSize": 2})
paginate("autoscaling", asg, "describe_scaling_activities", "Activities", 0, AutoScalingGroupName="web")
paginate("autoscaling", asg, "describe_tags", "Tags", 1, PaginationConfig={"PageSize": 1})
paginate("autoscaling", asg, "describe_launch_configurations", "LaunchConfigurations", 0)
paginate("autoscaling", asg, "describe_policies", "ScalingPolicies", 0, AutoScalingGroupName="web")
call("autoscaling", "DescribeInstanceRefreshes", lambda: asg.describe_instance_refreshes(AutoScalingGroupName="web"))
call("autoscaling", "DescribeLifecycleHooks", lambda: asg.describe_lifecycle_hooks(AutoScalingGroupName="web"))
call("autoscaling", "DescribeLoadBalancerTargetGroups", lambda: asg.describe_load_balancer_target_groups(AutoScalingGroupName="web"),
     lambda r: len(r["LoadBalancerTargetGroups"]) == 1)
call("autoscaling", "CreateOrUpdateTags", lambda: asg.create_or_update_tags(Tags=[{
    "ResourceId": "web", "ResourceType": "auto-scaling-group", "Key": "owner", "Value": "boto3", "PropagateAtLaunch": False}]))
call("autoscaling", "DescribeTags", lambda: asg.describe_tags(Filters=[{"Name": "key", "Values": ["owner"]}]),
     lambda r: [t["Value"] for t in r["Tags"]] == ["boto3"])
call("autoscaling", "DeleteTags", lambda: asg.delete_tags(Tags=[{"ResourceId": "web", "ResourceType": "auto-scaling-group",
                                                                 "Key": "owner"}]))
fails("autoscaling", "DescribeAutoScalingGroups", "ValidationError", 400,
      lambda: asg.describe_auto_scaling_groups(MaxRecords=1000))
fails("autoscaling", "DescribeAutoScalingGroups", "InvalidNextToken", 400,
      lambda: asg.describe_auto_scaling_groups(NextToken="bm90LWEtdG9rZW4="))
fails("autoscaling", "CancelInstanceRefresh", "ActiveInstanceRefreshNotFound", 400,
      lambda: asg.cancel_instance_refresh(AutoScalingGroupName="web"))

# ---- ELBv2 and classic ----
tg = elbv2.describe_target_groups(Names=["web-tg"])["TargetGroups"][0]["TargetGroupArn"]
paginate("elbv2", elbv2, "describe_target_groups", "TargetGroups", 1, PaginationConfig={"PageSize": 1})
paginate("elbv2", elbv2, "describe_load_balancers", "LoadBalancers", 1)
paginate("elbv2", elbv2, "describe_listeners", "Listeners", 0,
         LoadBalancerArn=elbv2.describe_load_balancers()["LoadBalancers"][0]["LoadBalancerArn"])
call("elbv2", "DescribeTargetHealth", lambda: elbv2.describe_target_health(TargetGroupArn=tg),
     lambda r: len(r["TargetHealthDescriptions"]) >= 1)
call("elbv2", "AddTags", lambda: elbv2.add_tags(ResourceArns=[tg], Tags=[{"Key": "owner", "Value": "boto3"}]))
call("elbv2", "DescribeTags", lambda: elbv2.describe_tags(ResourceArns=[tg]),
     lambda r: {"Key": "owner", "Value": "boto3"} in r["TagDescriptions"][0]["Tags"])
fails("elbv2", "DescribeTags", "TargetGroupNotFound", 400,
      lambda: elbv2.describe_tags(ResourceArns=[tg.replace("web-tg", "no-tg")]))
fails("elbv2", "AddTags", "DuplicateTagKeys", 400,
      lambda: elbv2.add_tags(ResourceArns=[tg], Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]))
fails("elbv2", "DescribeTargetGroups", "TargetGroupNotFound", 400, lambda: elbv2.describe_target_groups(Names=["nope"]))
wait("elbv2", elbv2, "target_in_service", TargetGroupArn=tg, Targets=[{"Id": web[0]}])
paginate("elb", elb, "describe_load_balancers", "LoadBalancerDescriptions", 1)
call("elb", "DescribeInstanceHealth", lambda: elb.describe_instance_health(LoadBalancerName="web-elb"),
     lambda r: len(r["InstanceStates"]) >= 1)
call("elb", "DescribeLoadBalancerAttributes", lambda: elb.describe_load_balancer_attributes(LoadBalancerName="web-elb"),
     lambda r: r["LoadBalancerAttributes"]["ConnectionDraining"]["Enabled"] in (True, False))
wait("elb", elb, "instance_in_service", LoadBalancerName="web-elb", Instances=[{"InstanceId": web[0]}])
fails("elb", "DescribeLoadBalancers", "LoadBalancerNotFound", 400, lambda: elb.describe_load_balancers(LoadBalancerNames=["nope"]))

# ---- S3: a 9 MiB bundle goes multipart with boto3's default 8 MiB threshold ----
data = os.urandom(9 * 1024 * 1024)
call("s3", "CreateMultipartUpload", lambda: s3.upload_fileobj(io.BytesIO(data), "deploy-bundles", "web/boto3.zip",
                                                              Config=TransferConfig(multipart_threshold=8 * 1024 * 1024)))
call("s3", "HeadObject", lambda: s3.head_object(Bucket="deploy-bundles", Key="web/boto3.zip"),
     lambda r: r["ETag"].endswith('-2"') and r["ContentLength"] == len(data))


def download():
    out = io.BytesIO()
    s3.download_fileobj("deploy-bundles", "web/boto3.zip", out, Config=TransferConfig(multipart_threshold=1024 * 1024,
                                                                                       multipart_chunksize=1024 * 1024))
    return out.getvalue()


call("s3", "GetObject.Range", download, lambda r: r == data)
paginate("s3", s3, "list_objects_v2", "Contents", 2, Bucket="deploy-bundles", PaginationConfig={"PageSize": 2})
call("s3", "ListBuckets", s3.list_buckets, lambda r: "deploy-bundles" in [b["Name"] for b in r["Buckets"]])
fails("s3", "GetObject", "NoSuchKey", 404, lambda: s3.get_object(Bucket="deploy-bundles", Key="web/nope.zip"))
fails("s3", "HeadObject", "404", 404, lambda: s3.head_object(Bucket="deploy-bundles", Key="web/nope.zip"))
fails("s3", "ListObjectsV2", "NoSuchBucket", 404, lambda: s3.list_objects_v2(Bucket="no-such-bucket-here"))
upload = s3.create_multipart_upload(Bucket="deploy-bundles", Key="web/aborted.zip")["UploadId"]
call("s3", "AbortMultipartUpload", lambda: s3.abort_multipart_upload(Bucket="deploy-bundles", Key="web/aborted.zip", UploadId=upload))
fails("s3", "UploadPart", "NoSuchUpload", 404, lambda: s3.upload_part(Bucket="deploy-bundles", Key="web/aborted.zip",
                                                                     UploadId=upload, PartNumber=1, Body=b"x"))

# ---- CodeDeploy ----
revision = {"revisionType": "S3", "s3Location": {"bucket": "deploy-bundles", "key": "web/web-1.1.0.zip", "bundleType": "zip"}}
paginate("codedeploy", cd, "list_applications", "applications", 1)
paginate("codedeploy", cd, "list_deployment_groups", "deploymentGroups", 1, applicationName="web-app")
paginate("codedeploy", cd, "list_deployment_configs", "deploymentConfigsList", 2)
deployment = call("codedeploy", "CreateDeployment", lambda: cd.create_deployment(
    applicationName="web-app", deploymentGroupName="web-dg", revision=revision))
deployment_id = deployment["deploymentId"] if deployment else "d-AAAAAAAAA"
wait("codedeploy", cd, "deployment_successful", deploymentId=deployment_id)
paginate("codedeploy", cd, "list_deployments", "deployments", 1, applicationName="web-app", deploymentGroupName="web-dg")
paginate("codedeploy", cd, "list_deployment_targets", "targetIds", 2, deploymentId=deployment_id)
paginate("codedeploy", cd, "list_deployment_instances", "instancesList", 2, deploymentId=deployment_id)
paginate("codedeploy", cd, "list_application_revisions", "revisions", 1, applicationName="web-app")
targets = cd.list_deployment_targets(deploymentId=deployment_id)["targetIds"]
call("codedeploy", "GetDeploymentTarget", lambda: cd.get_deployment_target(deploymentId=deployment_id, targetId=targets[0]),
     lambda r: r["deploymentTarget"]["instanceTarget"]["status"] == "Succeeded")
call("codedeploy", "GetDeploymentInstance", lambda: cd.get_deployment_instance(deploymentId=deployment_id, instanceId=targets[0]),
     lambda r: r["instanceSummary"]["status"] == "Succeeded")
call("codedeploy", "BatchGetDeploymentTargets", lambda: cd.batch_get_deployment_targets(deploymentId=deployment_id,
                                                                                         targetIds=targets[:2]))
fails("codedeploy", "GetDeployment", "DeploymentDoesNotExistException", 400, lambda: cd.get_deployment(deploymentId="d-AAAAAAAAA"))
fails("codedeploy", "GetDeploymentTarget", "DeploymentTargetDoesNotExistException", 400,
      lambda: cd.get_deployment_target(deploymentId=deployment_id, targetId="i-00000000000000000"))
fails("codedeploy", "ListApplicationRevisions", "BucketNameFilterRequiredException", 400,
      lambda: cd.list_application_revisions(applicationName="web-app", s3KeyPrefix="web/"))

# ---- SSM ----
sent = call("ssm", "SendCommand", lambda: ssm.send_command(DocumentName="AWS-RunShellScript", InstanceIds=web[:2],
                                                           Parameters={"commands": ["echo boto3"]}))
command = sent["Command"]["CommandId"] if sent else "00000000-0000-0000-0000-000000000000"
time.sleep(0.2)
wait("ssm", ssm, "command_executed", CommandId=command, InstanceId=web[0])
paginate("ssm", ssm, "list_command_invocations", "CommandInvocations", 2, CommandId=command, Details=True,
         PaginationConfig={"PageSize": 1})
paginate("ssm", ssm, "list_commands", "Commands", 1)
fails("ssm", "GetCommandInvocation", "InvocationDoesNotExist", 400,
      lambda: ssm.get_command_invocation(CommandId=command, InstanceId="i-00000000000000000"))

# ---- CloudWatch ----
for n in range(3):
    call("cloudwatch", "PutMetricAlarm", lambda n=n: cw.put_metric_alarm(
        AlarmName="boto3-%d" % n, Namespace="AWS/ApplicationELB", MetricName="UnHealthyHostCount", Statistic="Maximum", Period=60,
        EvaluationPeriods=1, Threshold=0, ComparisonOperator="GreaterThanThreshold"))
wait("cloudwatch", cw, "alarm_exists", AlarmNames=["boto3-0"])
paginate("cloudwatch", cw, "describe_alarms", "MetricAlarms", 3, AlarmNamePrefix="boto3-", PaginationConfig={"PageSize": 2})
call("cloudwatch", "SetAlarmState", lambda: cw.set_alarm_state(AlarmName="boto3-1", StateValue="ALARM", StateReason="boto3"))
call("cloudwatch", "DescribeAlarms", lambda: cw.describe_alarms(StateValue="ALARM", AlarmNamePrefix="boto3-"),
     lambda r: [a["AlarmName"] for a in r["MetricAlarms"]] == ["boto3-1"])
call("cloudwatch", "DeleteAlarms", lambda: cw.delete_alarms(AlarmNames=["boto3-0", "boto3-1", "boto3-2"]))
fails("cloudwatch", "DeleteAlarms", "ResourceNotFound", 404, lambda: cw.delete_alarms(AlarmNames=["boto3-0"]))
fails("cloudwatch", "PutMetricAlarm", "ValidationError", 400, lambda: cw.put_metric_alarm(
    AlarmName="bad", Namespace="n", MetricName="m", Period=60, EvaluationPeriods=1, Threshold=1,
    ComparisonOperator="GreaterThanThreshold"))
