#!/usr/bin/env bash
# Ansible (Debian's ansible with amazon.aws and community.aws) against the simulator: the info modules, then a rollout of
# web with autoscaling_group replace_all_instances, twice (the second run must report changed: false). One RESULTS line
# per task (a task is a module run: several AWS calls).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export AWS_ACCESS_KEY_ID=AKIACONFORMANCEANSIB AWS_SECRET_ACCESS_KEY=conformance AWS_DEFAULT_REGION=us-east-1
export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export ANSIBLE_NOCOLOR=1 ANSIBLE_STDOUT_CALLBACK=json ANSIBLE_RETRY_FILES_ENABLED=false
WEB_TG_ARN=$(/usr/bin/aws --endpoint-url "$ENDPOINT" elbv2 describe-target-groups --names web-tg \
    --query 'TargetGroups[0].TargetGroupArn' --output text)
export WEB_TG_ARN
# The rollout's target: web-lt version 2 (the CLI client makes it; made here when Ansible runs alone).
if [[ "$(/usr/bin/aws --endpoint-url "$ENDPOINT" ec2 describe-launch-template-versions --launch-template-name web-lt \
        --versions '$Latest' --query 'LaunchTemplateVersions[0].VersionNumber' --output text)" == 1 ]]; then
    /usr/bin/aws --endpoint-url "$ENDPOINT" ec2 create-launch-template-version --launch-template-name web-lt --source-version 1 \
        --launch-template-data '{"InstanceType":"t3.small"}' >/dev/null
fi

SCRATCH=$(dirname "$RESULTS")

# play NAME PLAYBOOK ansible-args...: records every task's outcome from the json callback.
play() {
    local name=$1 playbook=$2; shift 2
    local started=$EPOCHREALTIME
    /usr/bin/ansible-playbook -i localhost, "$HERE/$playbook" "$@" >"$SCRATCH/ansible-$name.json" 2>"$SCRATCH/ansible-$name.err"
    local ms=$(( (${EPOCHREALTIME/./} - ${started/./}) / 1000 ))
    /usr/bin/python3 - "$SCRATCH/ansible-$name.json" "$name" "$ms" "$SCRATCH/ansible-$name.err" >>"$RESULTS" <<'PY'
import json, sys
path, name, ms, err = sys.argv[1:5]
try:
    report = json.load(open(path))
except ValueError:
    print("ansible\tansible\t%s\tfail\t%s\t%s" % (name, open(err).read().replace("\n", " ")[:300], ms))
    sys.exit(0)
for play in report["plays"]:
    for task in play["tasks"]:
        for host, result in task["hosts"].items():
            action = result.get("action", task["task"]["name"])
            failed = result.get("failed") or result.get("unreachable")
            detail = result.get("msg", "") if failed else ""
            print("ansible\t%s\t%s\t%s\t%s\t%s" % (name, action, "fail" if failed else "pass",
                                                     str(detail).replace("\t", " ").replace("\n", " ")[:300], ms))
PY
}

play info info.yml
play rollout-1 rollout.yml -e expect_changed=true
play rollout-2 rollout.yml -e expect_changed=false
exit 0
