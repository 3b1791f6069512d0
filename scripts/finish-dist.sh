#!/usr/bin/env bash
# After trunk: nothing to do yet.
exit 0
