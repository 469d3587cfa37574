#!/bin/bash
# Provisioning for the web image (run once on the builder instance; awsBakeAmi powers it off afterwards).
echo "installing nginx"
dnf install -y nginx
systemctl enable nginx
# sim: takes 60
