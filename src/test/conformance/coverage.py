#!/usr/bin/python3
"""Coverage table of a conformance run, as Markdown: per service, each operation the clients called (from the
simulator's call log, told apart by access key id), how often, and the error codes it answered; then the waiters and
paginators the clients ran (from the suite's results).

    coverage.py CALLS.tsv RESULTS.tsv > table.md
"""
import collections
import sys

CLIENTS = {"AKIACONFORMANCECLI01": "AWS CLI", "AKIACONFORMANCEBOTO3": "boto3", "AKIACONFORMANCEANSIB": "Ansible"}
ORDER = ["AWS CLI", "boto3", "Ansible"]
SERVICES = ["sts", "ec2", "autoscaling", "elb", "elbv2", "codedeploy", "s3", "ssm", "cloudwatch", "codepipeline"]

calls = collections.defaultdict(lambda: collections.Counter())
errors = collections.defaultdict(set)
for line in open(sys.argv[1]):
    service, action, key, outcome, status = line.rstrip("\n").split("\t")
    client = CLIENTS.get(key)
    if client is None:
        continue
    calls[(service, action)][client] += 1
    if outcome != "OK":
        errors[(service, action)].add("%s %s" % (outcome, status))

helpers = collections.defaultdict(set)
for line in open(sys.argv[2]):
    client, service, operation = line.split("\t")[:3]
    if operation.startswith("waiter:") or operation.startswith("paginator:"):
        helpers[(service, operation)].add({"cli": "AWS CLI", "boto3": "boto3", "ansible": "Ansible"}[client])

print("| service | operation | " + " | ".join(ORDER) + " | errors answered |")
print("|---|---|" + "---|" * len(ORDER) + "---|")
for service in SERVICES + sorted({s for s, _ in calls} - set(SERVICES)):
    for (s, action) in sorted(k for k in calls if k[0] == service):
        counts = calls[(s, action)]
        print("| %s | %s | %s | %s |" % (s, action, " | ".join(str(counts[c]) if counts[c] else "" for c in ORDER),
                                          ", ".join(sorted(errors[(s, action)]))))
print()
print("| service | waiter or paginator | clients |")
print("|---|---|---|")
for (service, operation) in sorted(helpers, key=lambda k: (SERVICES.index(k[0]) if k[0] in SERVICES else 99, k[1])):
    print("| %s | %s | %s |" % (service, operation.replace("waiter:", "waiter ").replace("paginator:", "paginator "),
                                ", ".join(c for c in ORDER if c in helpers[(service, operation)])))
