#!/usr/bin/env bash
# The AWS CLI v2 against the simulator: every read call of the nine services, the mutating calls a deployment makes,
# the CLI's waiters and the error codes of common mistakes. Called by run.sh with ENDPOINT and RESULTS set; appends one
# line per call to RESULTS: client, service, operation, pass|fail, detail.
set -uo pipefail
AWS_BIN=${AWS_BIN:-/usr/bin/aws}
export AWS_ACCESS_KEY_ID=AKIACONFORMANCECLI01 AWS_SECRET_ACCESS_KEY=conformance AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN
aws() { "$AWS_BIN" --endpoint-url "$ENDPOINT" "$@"; }

STARTED=$EPOCHREALTIME
record() {
    local ms=$(( (${EPOCHREALTIME/./} - ${STARTED/./}) / 1000 ))
    printf 'cli\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(tr '\n\t' '  ' <<<"${4:-}" | cut -c1-300)" "$ms" >>"$RESULTS"
    STARTED=$EPOCHREALTIME
}

# call SERVICE OPERATION aws-args...: passes when the CLI exits 0; its output is in $OUT.
call() {
    local service=$1 operation=$2; shift 2
    if OUT=$(aws "$@" 2>&1); then record "$service" "$operation" pass; else record "$service" "$operation" fail "$OUT"; fi
}

# fails SERVICE OPERATION CODE aws-args...: passes when the CLI fails with that error code (or HTTP status for S3 HEAD).
fails() {
    local service=$1 operation=$2 code=$3; shift 3
    if OUT=$(aws "$@" 2>&1); then
        record "$service" "$operation" fail "expected $code, the call succeeded"
    elif grep -q -- "($code)" <<<"$OUT"; then
        record "$service" "$operation" pass
    else
        record "$service" "$operation" fail "expected $code: $OUT"
    fi
}

# expect SERVICE CHECK VALUE ACTUAL: a check of a returned value, recorded as a call of its own.
expect() {
    if [[ "$4" == "$3" ]]; then record "$1" "$2" pass; else record "$1" "$2" fail "expected '$3', got '$4'"; fi
}

# until_true SECONDS command...: polls (real time) so that a waiter's first check already succeeds.
until_true() {
    local end=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do (( SECONDS >= end )) && return 1; sleep 0.3; done
}

q() { aws "$@" --output text 2>/dev/null; }

# ---- STS ----
call sts GetCallerIdentity sts get-caller-identity
expect sts GetCallerIdentity.Account 123456789012 "$(q sts get-caller-identity --query Account)"

# ---- EC2 reads ----
call ec2 DescribeRegions ec2 describe-regions
call ec2 DescribeAvailabilityZones ec2 describe-availability-zones
call ec2 DescribeVpcs ec2 describe-vpcs
call ec2 DescribeSubnets ec2 describe-subnets
call ec2 DescribeSecurityGroups ec2 describe-security-groups --filters Name=group-name,Values=web-sg
call ec2 DescribeKeyPairs ec2 describe-key-pairs
call ec2 DescribeImages ec2 describe-images --owners self --filters 'Name=name,Values=base-*'
BASE_AMI=$(q ec2 describe-images --owners self --filters 'Name=name,Values=base-al2023-*' --query 'Images[0].ImageId')
call ec2 DescribeImageAttribute ec2 describe-image-attribute --image-id "$BASE_AMI" --attribute launchPermission
call ec2 DescribeSnapshots ec2 describe-snapshots --owner-ids self
SNAP=$(q ec2 describe-snapshots --owner-ids self --query 'Snapshots[0].SnapshotId')
call ec2 DescribeSnapshotAttribute ec2 describe-snapshot-attribute --snapshot-id "$SNAP" --attribute createVolumePermission
call ec2 DescribeInstances ec2 describe-instances --filters Name=tag:aws:autoscaling:groupName,Values=web Name=instance-state-name,Values=running
WEB_INSTANCE=$(q ec2 describe-instances --filters Name=tag:aws:autoscaling:groupName,Values=web --query 'Reservations[0].Instances[0].InstanceId')
expect ec2 DescribeInstances.NetworkInterfaces "$(q ec2 describe-instances --instance-ids "$WEB_INSTANCE" --query 'Reservations[0].Instances[0].PrivateIpAddress')" \
    "$(q ec2 describe-instances --instance-ids "$WEB_INSTANCE" --query 'Reservations[0].Instances[0].NetworkInterfaces[0].PrivateIpAddress')"
call ec2 DescribeInstanceStatus ec2 describe-instance-status --instance-ids "$WEB_INSTANCE"
call ec2 GetConsoleOutput ec2 get-console-output --instance-id "$WEB_INSTANCE"
call ec2 DescribeTags ec2 describe-tags --filters Name=resource-id,Values="$WEB_INSTANCE"
call ec2 DescribeLaunchTemplates ec2 describe-launch-templates --launch-template-names web-lt
call ec2 DescribeLaunchTemplateVersions ec2 describe-launch-template-versions --launch-template-name web-lt --versions '$Latest'
fails ec2 DescribeInstances InvalidInstanceID.Malformed ec2 describe-instances --instance-ids i-xyz
fails ec2 DescribeInstances InvalidInstanceID.NotFound ec2 describe-instances --instance-ids i-00000000000000000
fails ec2 DescribeImages InvalidAMIID.Malformed ec2 describe-images --image-ids ami-zzz
fails ec2 RunInstances InvalidParameterValue ec2 run-instances --image-id "$BASE_AMI" --instance-type t3.banana
fails ec2 DescribeLaunchTemplates InvalidLaunchTemplateName.NotFoundException ec2 describe-launch-templates --launch-template-names nope

# ---- EC2: what a bake makes (launch, tag, image, encrypted copy, share, clean up), with the CLI's waiters ----
call ec2 RunInstances ec2 run-instances --image-id "$BASE_AMI" --instance-type t3.micro --count 1 \
    --block-device-mappings 'DeviceName=/dev/xvda,Ebs={VolumeSize=8,Encrypted=true}' \
    --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=conformance-builder}]'
BUILDER=$(q ec2 describe-instances --filters Name=tag:Name,Values=conformance-builder --query 'Reservations[0].Instances[0].InstanceId')
until_true 20 test "$(q ec2 describe-instances --instance-ids "$BUILDER" --query 'Reservations[0].Instances[0].State.Name')" = running
call ec2 waiter:instance-running ec2 wait instance-running --instance-ids "$BUILDER"
call ec2 CreateTags ec2 create-tags --resources "$BUILDER" --tags Key=stage,Value=bake
call ec2 StopInstances ec2 stop-instances --instance-ids "$BUILDER"
until_true 20 test "$(q ec2 describe-instances --instance-ids "$BUILDER" --query 'Reservations[0].Instances[0].State.Name')" = stopped
call ec2 waiter:instance-stopped ec2 wait instance-stopped --instance-ids "$BUILDER"
call ec2 CreateImage ec2 create-image --instance-id "$BUILDER" --name conformance-image-1 \
    --tag-specifications 'ResourceType=image,Tags=[{Key=app,Value=web}]' 'ResourceType=snapshot,Tags=[{Key=app,Value=web}]'
IMAGE=$(q ec2 describe-images --owners self --filters Name=name,Values=conformance-image-1 --query 'Images[0].ImageId')
until_true 30 test "$(q ec2 describe-images --image-ids "$IMAGE" --query 'Images[0].State')" = available
call ec2 waiter:image-available ec2 wait image-available --image-ids "$IMAGE"
expect ec2 DescribeImages.Encrypted True "$(q ec2 describe-images --image-ids "$IMAGE" --query 'Images[0].BlockDeviceMappings[0].Ebs.Encrypted')"
call ec2 CopyImage ec2 copy-image --region us-west-2 --source-region us-east-1 --source-image-id "$IMAGE" --name conformance-image-1 \
    --encrypted --kms-key-id alias/conformance
COPY=$(q ec2 describe-images --region us-west-2 --owners self --filters Name=name,Values=conformance-image-1 --query 'Images[0].ImageId')
expect ec2 CopyImage.KmsKeyId arn:aws:kms:us-west-2:123456789012:alias/conformance \
    "$(q ec2 describe-images --region us-west-2 --image-ids "$COPY" --query 'Images[0].BlockDeviceMappings[0].Ebs.KmsKeyId')"
fails ec2 CopyImage InvalidParameterDependency ec2 copy-image --region us-west-2 --source-region us-east-1 --source-image-id "$IMAGE" \
    --name conformance-image-2 --kms-key-id alias/conformance
call ec2 ModifyImageAttribute ec2 modify-image-attribute --image-id "$IMAGE" --launch-permission 'Add=[{UserId=210987654321}]'
IMAGE_SNAP=$(q ec2 describe-images --image-ids "$IMAGE" --query 'Images[0].BlockDeviceMappings[0].Ebs.SnapshotId')
call ec2 waiter:snapshot-completed ec2 wait snapshot-completed --snapshot-ids "$IMAGE_SNAP"
call ec2 ModifySnapshotAttribute ec2 modify-snapshot-attribute --snapshot-id "$IMAGE_SNAP" --attribute createVolumePermission \
    --operation-type add --user-ids 210987654321
call ec2 TerminateInstances ec2 terminate-instances --instance-ids "$BUILDER"
until_true 20 test "$(q ec2 describe-instances --instance-ids "$BUILDER" --query 'Reservations[0].Instances[0].State.Name')" = terminated
call ec2 waiter:instance-terminated ec2 wait instance-terminated --instance-ids "$BUILDER"
call ec2 CreateLaunchTemplateVersion ec2 create-launch-template-version --launch-template-name web-lt --source-version 1 \
    --launch-template-data "{\"ImageId\":\"$IMAGE\"}" --version-description conformance
call ec2 ModifyLaunchTemplate ec2 modify-launch-template --launch-template-name web-lt --default-version 1

# ---- Auto Scaling reads ----
call autoscaling DescribeAutoScalingGroups autoscaling describe-auto-scaling-groups --auto-scaling-group-names web
call autoscaling DescribeAutoScalingInstances autoscaling describe-auto-scaling-instances --instance-ids "$WEB_INSTANCE"
call autoscaling DescribeScalingActivities autoscaling describe-scaling-activities --auto-scaling-group-name web
call autoscaling DescribeLoadBalancerTargetGroups autoscaling describe-load-balancer-target-groups --auto-scaling-group-name web
call autoscaling DescribeLoadBalancers autoscaling describe-load-balancers --auto-scaling-group-name web
call autoscaling DescribeInstanceRefreshes autoscaling describe-instance-refreshes --auto-scaling-group-name web
call autoscaling DescribePolicies autoscaling describe-policies --auto-scaling-group-name web
call autoscaling DescribeLaunchConfigurations autoscaling describe-launch-configurations
call autoscaling DescribeLifecycleHooks autoscaling describe-lifecycle-hooks --auto-scaling-group-name web
call autoscaling DescribeTags autoscaling describe-tags --filters Name=auto-scaling-group,Values=web
fails autoscaling DescribeTags ValidationError autoscaling describe-tags --filters Name=colour,Values=red
fails autoscaling UpdateAutoScalingGroup ValidationError autoscaling update-auto-scaling-group --auto-scaling-group-name nope --min-size 1

# ---- Auto Scaling: what a rollout does, on a group of its own (web is Ansible's) ----
TG_ARN=$(q elbv2 describe-target-groups --names web-tg --query 'TargetGroups[0].TargetGroupArn')
SUBNETS=$(q ec2 describe-subnets --query 'join(`,`, Subnets[].SubnetId)')
call autoscaling CreateAutoScalingGroup autoscaling create-auto-scaling-group --auto-scaling-group-name cli-web \
    --launch-template LaunchTemplateName=web-lt,Version=1 --min-size 1 --max-size 4 --desired-capacity 2 \
    --vpc-zone-identifier "$SUBNETS" --target-group-arns "$TG_ARN" --health-check-type ELB --health-check-grace-period 60
call autoscaling CreateOrUpdateTags autoscaling create-or-update-tags \
    --tags ResourceId=cli-web,ResourceType=auto-scaling-group,Key=team,Value=conformance,PropagateAtLaunch=true
call autoscaling PutLifecycleHook autoscaling put-lifecycle-hook --auto-scaling-group-name cli-web --lifecycle-hook-name drain \
    --lifecycle-transition autoscaling:EC2_INSTANCE_TERMINATING --heartbeat-timeout 30 --default-result CONTINUE
call autoscaling DeleteLifecycleHook autoscaling delete-lifecycle-hook --auto-scaling-group-name cli-web --lifecycle-hook-name drain
call autoscaling SuspendProcesses autoscaling suspend-processes --auto-scaling-group-name cli-web --scaling-processes AZRebalance
call autoscaling ResumeProcesses autoscaling resume-processes --auto-scaling-group-name cli-web --scaling-processes AZRebalance
until_true 30 test "$(q autoscaling describe-auto-scaling-groups --auto-scaling-group-names cli-web \
    --query 'length(AutoScalingGroups[0].Instances[?LifecycleState==`InService`])')" = 2
call autoscaling SetDesiredCapacity autoscaling set-desired-capacity --auto-scaling-group-name cli-web --desired-capacity 3
LT_ID=$(q ec2 describe-launch-templates --launch-template-names web-lt --query 'LaunchTemplates[0].LaunchTemplateId')
call autoscaling UpdateAutoScalingGroup autoscaling update-auto-scaling-group --auto-scaling-group-name cli-web \
    --launch-template "LaunchTemplateId=$LT_ID,Version=2"
expect autoscaling DescribeAutoScalingGroups.LaunchTemplateName web-lt \
    "$(q autoscaling describe-auto-scaling-groups --auto-scaling-group-names cli-web --query 'AutoScalingGroups[0].LaunchTemplate.LaunchTemplateName')"
until_true 30 test "$(q autoscaling describe-auto-scaling-groups --auto-scaling-group-names cli-web \
    --query 'length(AutoScalingGroups[0].Instances[?LifecycleState==`InService`])')" = 3
call autoscaling StartInstanceRefresh autoscaling start-instance-refresh --auto-scaling-group-name cli-web \
    --preferences '{"MinHealthyPercentage":50,"InstanceWarmup":10,"SkipMatching":true}'
until_true 60 test "$(q autoscaling describe-instance-refreshes --auto-scaling-group-name cli-web --query 'InstanceRefreshes[0].Status')" = Successful
expect autoscaling DescribeInstanceRefreshes.Status Successful \
    "$(q autoscaling describe-instance-refreshes --auto-scaling-group-name cli-web --query 'InstanceRefreshes[0].Status')"
fails autoscaling CancelInstanceRefresh ActiveInstanceRefreshNotFound autoscaling cancel-instance-refresh --auto-scaling-group-name cli-web
CLI_INSTANCE=$(q autoscaling describe-auto-scaling-groups --auto-scaling-group-names cli-web --query 'AutoScalingGroups[0].Instances[0].InstanceId')
call autoscaling SetInstanceProtection autoscaling set-instance-protection --auto-scaling-group-name cli-web \
    --instance-ids "$CLI_INSTANCE" --protected-from-scale-in
call autoscaling EnterStandby autoscaling enter-standby --auto-scaling-group-name cli-web --instance-ids "$CLI_INSTANCE" \
    --should-decrement-desired-capacity
call autoscaling ExitStandby autoscaling exit-standby --auto-scaling-group-name cli-web --instance-ids "$CLI_INSTANCE"
call autoscaling DeleteTags autoscaling delete-tags --tags ResourceId=cli-web,ResourceType=auto-scaling-group,Key=team

# ---- ELBv2 ----
call elbv2 DescribeTargetGroups elbv2 describe-target-groups
call elbv2 DescribeTargetGroupAttributes elbv2 describe-target-group-attributes --target-group-arn "$TG_ARN"
call elbv2 DescribeTargetHealth elbv2 describe-target-health --target-group-arn "$TG_ARN"
call elbv2 DescribeLoadBalancers elbv2 describe-load-balancers
LB_ARN=$(q elbv2 describe-load-balancers --query 'LoadBalancers[0].LoadBalancerArn')
call elbv2 DescribeListeners elbv2 describe-listeners --load-balancer-arn "$LB_ARN"
call elbv2 AddTags elbv2 add-tags --resource-arns "$TG_ARN" "$LB_ARN" --tags Key=team,Value=conformance
call elbv2 DescribeTags elbv2 describe-tags --resource-arns "$TG_ARN" "$LB_ARN"
expect elbv2 DescribeTags.Value conformance "$(q elbv2 describe-tags --resource-arns "$TG_ARN" --query 'TagDescriptions[0].Tags[?Key==`team`].Value|[0]')"
call elbv2 RemoveTags elbv2 remove-tags --resource-arns "$LB_ARN" --tag-keys team
call elbv2 ModifyTargetGroupAttributes elbv2 modify-target-group-attributes --target-group-arn "$TG_ARN" \
    --attributes Key=deregistration_delay.timeout_seconds,Value=30
fails elbv2 DescribeTargetGroups TargetGroupNotFound elbv2 describe-target-groups --names nope
fails elbv2 ModifyTargetGroupAttributes ValidationError elbv2 modify-target-group-attributes --target-group-arn "$TG_ARN" \
    --attributes Key=deregistration_delay.timeout_seconds,Value=9999
call elbv2 CreateTargetGroup elbv2 create-target-group --name cli-ip-tg --protocol HTTP --port 8080 --target-type ip \
    --vpc-id "$(q ec2 describe-vpcs --query 'Vpcs[0].VpcId')"
IP_TG=$(q elbv2 describe-target-groups --names cli-ip-tg --query 'TargetGroups[0].TargetGroupArn')
call elbv2 CreateListener elbv2 create-listener --load-balancer-arn "$LB_ARN" --protocol HTTP --port 8080 \
    --default-actions "Type=forward,TargetGroupArn=$IP_TG"
WEB_IP=$(q ec2 describe-instances --instance-ids "$WEB_INSTANCE" --query 'Reservations[0].Instances[0].PrivateIpAddress')
call elbv2 RegisterTargets elbv2 register-targets --target-group-arn "$IP_TG" --targets "Id=$WEB_IP"
until_true 20 test "$(q elbv2 describe-target-health --target-group-arn "$IP_TG" --query 'TargetHealthDescriptions[0].TargetHealth.State')" = healthy
call elbv2 waiter:target-in-service elbv2 wait target-in-service --target-group-arn "$IP_TG" --targets "Id=$WEB_IP"
call elbv2 DeregisterTargets elbv2 deregister-targets --target-group-arn "$IP_TG" --targets "Id=$WEB_IP"
fails elbv2 RegisterTargets InvalidTarget elbv2 register-targets --target-group-arn "$IP_TG" --targets Id=10.255.255.1

# ---- ELB classic ----
call elb DescribeLoadBalancers elb describe-load-balancers --load-balancer-names web-elb
call elb DescribeInstanceHealth elb describe-instance-health --load-balancer-name web-elb
call elb DescribeLoadBalancerAttributes elb describe-load-balancer-attributes --load-balancer-name web-elb
call elb waiter:instance-in-service elb wait instance-in-service --load-balancer-name web-elb --instances "$WEB_INSTANCE"
call elb CreateLoadBalancer elb create-load-balancer --load-balancer-name cli-elb --availability-zones us-east-1a \
    --listeners Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80
call elb ModifyLoadBalancerAttributes elb modify-load-balancer-attributes --load-balancer-name cli-elb \
    --load-balancer-attributes '{"ConnectionDraining":{"Enabled":true,"Timeout":600}}'
call elb RegisterInstancesWithLoadBalancer elb register-instances-with-load-balancer --load-balancer-name cli-elb --instances "$CLI_INSTANCE"
call elb DeregisterInstancesFromLoadBalancer elb deregister-instances-from-load-balancer --load-balancer-name cli-elb --instances "$CLI_INSTANCE"
expect elb DescribeInstanceHealth.Draining "Instance deregistration currently in progress." \
    "$(q elb describe-instance-health --load-balancer-name cli-elb --instances "$CLI_INSTANCE" --query 'InstanceStates[0].Description')"
fails elb DescribeLoadBalancers LoadBalancerNotFound elb describe-load-balancers --load-balancer-names nope

# ---- S3: a bundle upload (multipart from 8 MiB), reads, ranges ----
SCRATCH=$(mktemp -d)
head -c $((9 * 1024 * 1024)) /dev/urandom >"$SCRATCH/bundle.zip"
call s3 ListBuckets s3api list-buckets
call s3 HeadBucket s3api head-bucket --bucket deploy-bundles
call s3 GetBucketVersioning s3api get-bucket-versioning --bucket deploy-bundles
call s3 ListObjectsV2 s3api list-objects-v2 --bucket deploy-bundles --prefix web/
call s3 CreateMultipartUpload s3 cp --no-progress "$SCRATCH/bundle.zip" s3://deploy-bundles/web/conformance.zip
expect s3 CompleteMultipartUpload.ETag -2 "$(q s3api head-object --bucket deploy-bundles --key web/conformance.zip --query ETag | tr -d '"' | grep -o -- '-2$')"
call s3 GetObject s3 cp --no-progress s3://deploy-bundles/web/conformance.zip "$SCRATCH/back.zip"
expect s3 GetObject.Range same "$(cmp -s "$SCRATCH/bundle.zip" "$SCRATCH/back.zip" && echo same)"
call s3 PutObject s3api put-object --bucket deploy-bundles --key web/small.txt --body "$SCRATCH/back.zip" --content-type application/zip
call s3 HeadObject s3api head-object --bucket deploy-bundles --key web/web-1.1.0.zip
fails s3 HeadObject 404 s3api head-object --bucket deploy-bundles --key web/nope.zip
fails s3 GetObject NoSuchKey s3api get-object --bucket deploy-bundles --key web/nope.zip "$SCRATCH/nope"
fails s3 ListObjectsV2 NoSuchBucket s3api list-objects-v2 --bucket no-such-bucket-here
rm -rf "$SCRATCH"

# ---- CodeDeploy: reads, a deployment and its waiter ----
call codedeploy ListApplications deploy list-applications
call codedeploy GetApplication deploy get-application --application-name web-app
call codedeploy ListDeploymentGroups deploy list-deployment-groups --application-name web-app
call codedeploy GetDeploymentGroup deploy get-deployment-group --application-name web-app --deployment-group-name web-dg
call codedeploy ListDeploymentConfigs deploy list-deployment-configs
call codedeploy GetDeploymentConfig deploy get-deployment-config --deployment-config-name CodeDeployDefault.HalfAtATime
call codedeploy RegisterApplicationRevision deploy register-application-revision --application-name web-app \
    --s3-location bucket=deploy-bundles,key=web/web-1.1.0.zip,bundleType=zip
call codedeploy GetApplicationRevision deploy get-application-revision --application-name web-app \
    --s3-location bucket=deploy-bundles,key=web/web-1.1.0.zip,bundleType=zip
call codedeploy ListApplicationRevisions deploy list-application-revisions --application-name web-app --deployed exclude
call codedeploy CreateDeployment deploy create-deployment --application-name web-app --deployment-group-name web-dg \
    --s3-location bucket=deploy-bundles,key=web/web-1.1.0.zip,bundleType=zip --query deploymentId --output text
DEPLOYMENT=$OUT
until_true 60 test "$(q deploy get-deployment --deployment-id "$DEPLOYMENT" --query 'deploymentInfo.status')" = Succeeded
call codedeploy waiter:deployment-successful deploy wait deployment-successful --deployment-id "$DEPLOYMENT"
call codedeploy GetDeployment deploy get-deployment --deployment-id "$DEPLOYMENT"
call codedeploy BatchGetDeployments deploy batch-get-deployments --deployment-ids "$DEPLOYMENT"
call codedeploy ListDeployments deploy list-deployments --application-name web-app --deployment-group-name web-dg
call codedeploy ListDeploymentTargets deploy list-deployment-targets --deployment-id "$DEPLOYMENT"
TARGET=$(q deploy list-deployment-targets --deployment-id "$DEPLOYMENT" --query 'targetIds[0]')
call codedeploy BatchGetDeploymentTargets deploy batch-get-deployment-targets --deployment-id "$DEPLOYMENT" --target-ids "$TARGET"
call codedeploy GetDeploymentTarget deploy get-deployment-target --deployment-id "$DEPLOYMENT" --target-id "$TARGET"
call codedeploy ListDeploymentInstances deploy list-deployment-instances --deployment-id "$DEPLOYMENT"
call codedeploy BatchGetDeploymentInstances deploy batch-get-deployment-instances --deployment-id "$DEPLOYMENT" --instance-ids "$TARGET"
call codedeploy GetDeploymentInstance deploy get-deployment-instance --deployment-id "$DEPLOYMENT" --instance-id "$TARGET"
fails codedeploy GetDeployment DeploymentDoesNotExistException deploy get-deployment --deployment-id d-AAAAAAAAA
fails codedeploy GetDeploymentInstance InstanceDoesNotExistException deploy get-deployment-instance --deployment-id "$DEPLOYMENT" \
    --instance-id i-00000000000000000
fails codedeploy GetApplication ApplicationDoesNotExistException deploy get-application --application-name nope

# ---- SSM Run Command ----
call ssm SendCommand ssm send-command --document-name AWS-RunShellScript --instance-ids "$WEB_INSTANCE" \
    --parameters 'commands=["echo conformance"]' --query Command.CommandId --output text
COMMAND=$OUT
until_true 20 test "$(q ssm get-command-invocation --command-id "$COMMAND" --instance-id "$WEB_INSTANCE" --query Status)" = Success
call ssm waiter:command-executed ssm wait command-executed --command-id "$COMMAND" --instance-id "$WEB_INSTANCE"
call ssm GetCommandInvocation ssm get-command-invocation --command-id "$COMMAND" --instance-id "$WEB_INSTANCE"
expect ssm GetCommandInvocation.StandardOutputContent conformance \
    "$(q ssm get-command-invocation --command-id "$COMMAND" --instance-id "$WEB_INSTANCE" --query StandardOutputContent)"
call ssm ListCommandInvocations ssm list-command-invocations --command-id "$COMMAND" --details
call ssm ListCommands ssm list-commands --command-id "$COMMAND"
fails ssm SendCommand InvalidInstanceId ssm send-command --document-name AWS-RunShellScript --instance-ids i-00000000000000000 \
    --parameters 'commands=["true"]'

# ---- CloudWatch alarms ----
call cloudwatch PutMetricAlarm cloudwatch put-metric-alarm --alarm-name cli-5xx --namespace AWS/ApplicationELB \
    --metric-name HTTPCode_Target_5XX_Count --statistic Sum --period 60 --evaluation-periods 1 --threshold 5 \
    --comparison-operator GreaterThanThreshold --dimensions Name=TargetGroup,Value=targetgroup/web-tg/1
call cloudwatch SetAlarmState cloudwatch set-alarm-state --alarm-name cli-5xx --state-value ALARM --state-reason conformance
call cloudwatch waiter:alarm-exists cloudwatch wait alarm-exists --alarm-names cli-5xx --state-value ALARM
call cloudwatch DescribeAlarms cloudwatch describe-alarms --alarm-name-prefix cli-
expect cloudwatch DescribeAlarms.StateValue ALARM "$(q cloudwatch describe-alarms --alarm-names cli-5xx --query 'MetricAlarms[0].StateValue')"
call cloudwatch DeleteAlarms cloudwatch delete-alarms --alarm-names cli-5xx
fails cloudwatch SetAlarmState ResourceNotFound cloudwatch set-alarm-state --alarm-name cli-5xx --state-value OK --state-reason gone

# ---- CodePipeline: start the demo world's web-gate, answer its approval (rejected, so nothing deploys), stop ----
call codepipeline ListPipelines codepipeline list-pipelines
call codepipeline GetPipeline codepipeline get-pipeline --name web-gate
fails codepipeline GetPipeline PipelineNotFoundException codepipeline get-pipeline --name no-such-pipeline
# (Debian's CLI predates pipeline variables: they are checked through the SDK in CodePipelineApiTest.)
fails codepipeline StartPipelineExecution PipelineNotFoundException codepipeline start-pipeline-execution --name no-such-pipeline
call codepipeline StartPipelineExecution codepipeline start-pipeline-execution --name web-gate \
    --client-request-token conformance-cli-1
EXECUTION=$(q codepipeline start-pipeline-execution --name web-gate --client-request-token conformance-cli-1 --query pipelineExecutionId)
expect codepipeline StartPipelineExecution.idempotent 1 "$(q codepipeline list-pipeline-executions --pipeline-name web-gate \
    --query 'length(pipelineExecutionSummaries)')"
call codepipeline GetPipelineExecution codepipeline get-pipeline-execution --pipeline-name web-gate --pipeline-execution-id "$EXECUTION"
until_true 30 test "$(q codepipeline get-pipeline-state --name web-gate --query 'stageStates[1].actionStates[0].latestExecution.status')" = InProgress
call codepipeline GetPipelineState codepipeline get-pipeline-state --name web-gate
TOKEN=$(q codepipeline get-pipeline-state --name web-gate --query 'stageStates[1].actionStates[0].latestExecution.token')
call codepipeline ListActionExecutions codepipeline list-action-executions --pipeline-name web-gate \
    --filter pipelineExecutionId="$EXECUTION"
fails codepipeline PutApprovalResult InvalidApprovalTokenException codepipeline put-approval-result --pipeline-name web-gate \
    --stage-name Approve --action-name Approve --token not-the-token --result summary=no,status=Rejected
call codepipeline PutApprovalResult codepipeline put-approval-result --pipeline-name web-gate --stage-name Approve \
    --action-name Approve --token "$TOKEN" --result summary=conformance,status=Rejected
expect codepipeline GetPipelineExecution.status Failed "$(q codepipeline get-pipeline-execution --pipeline-name web-gate \
    --pipeline-execution-id "$EXECUTION" --query pipelineExecution.status)"
fails codepipeline StopPipelineExecution PipelineExecutionNotStoppableException codepipeline stop-pipeline-execution \
    --pipeline-name web-gate --pipeline-execution-id "$EXECUTION" --abandon
call codepipeline ListPipelineExecutions codepipeline list-pipeline-executions --pipeline-name web-gate

# ---- clean up what this client made ----
call autoscaling DeleteAutoScalingGroup autoscaling delete-auto-scaling-group --auto-scaling-group-name cli-web --force-delete
call ec2 DeregisterImage ec2 deregister-image --region us-west-2 --image-id "$COPY"
exit 0
