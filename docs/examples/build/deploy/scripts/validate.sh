#!/bin/bash
curl -fsS http://localhost/health
