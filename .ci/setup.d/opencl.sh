#!/usr/bin/env bash
# The OpenCL runtime the OpenCL device tests run on: the ICD loader (libOpenCL.so.1) and POCL,
# which runs OpenCL kernels on the CPU. Without them tests/Compositor.OpenCl.Tests report skipped.
set -euo pipefail
apt-get install -y -qq --no-install-recommends pocl-opencl-icd ocl-icd-libopencl1 >/dev/null
