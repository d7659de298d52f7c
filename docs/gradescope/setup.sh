#!/usr/bin/env bash
# Gradescope autograder setup for `trace grade` (runs once, as root, when Gradescope
# builds the autograder's Docker image; /autograder/source holds the zip's contents).
#
# The instructor builds the binary on a Linux machine that matches the autograder's
# base image (Ubuntu 22.04 was Gradescope's default when this was written; the Configure
# Autograder page shows it), e.g. in a `swift:6.0-jammy` container, from the package root:
#
#     swift build -c release --static-swift-stdlib
#     cp "$(swift build -c release --show-bin-path)/trace" zip/trace
#
# (With the Swift runtime and Foundation linked in, the binary needs only glibc,
# libstdc++ and libcmark from the image.) Then the instructor zips these, at the zip's
# root (zip the files, not the folder holding them):
#
#     setup.sh           this script
#     run_autograder     the script Gradescope runs for every submission
#     trace              the binary built above
#     keys/<id>/key.json one per student, copied from the `trace homework` folder;
#                        the key.json files only, never the worksheets of others
#
# See README.md next to this script for the exact commands. This script needs root and
# the network, so the tests only check its syntax (`bash -n`).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update
# libcmark: the Markdown library the binary links dynamically (libcmark-dev pulls in the
# runtime library, libcmark0.30.2 on Ubuntu 22.04). python3: run_autograder reads
# submission_metadata.json and writes fallback results with it.
apt-get install -y --no-install-recommends libcmark-dev python3

install -m 0755 /autograder/source/trace /usr/local/bin/trace
# Fail the build now, not at the first submission, if a library is missing.
/usr/local/bin/trace --help >/dev/null
