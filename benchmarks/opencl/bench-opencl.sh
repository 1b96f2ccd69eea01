#!/usr/bin/env bash
# OpenCL device against the CPU device on the blur/defocus perf graphs: each graph renders K times
# in one process per device (the first run includes reading the inputs and, for OpenCL, building
# the kernels), both devices side by side in one run, and prints the best times and their ratio.
#
#   benchmarks/opencl/bench-opencl.sh [WORK] [REPEAT] [EXTRA RENDER ARGS...]
#
# WORK (default /tmp/ocl-bench) gets graphs/ (copies of the shared perf graphs) and inputs/ (made
# by ../shared/perf/make_inputs.sh unless BENCH_INPUTS points at a folder that has them).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/ocl-bench}
repeat=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
mkdir -p "$work/graphs" "$work/out"
if [ -n "${BENCH_INPUTS:-}" ]; then ln -sfn "$BENCH_INPUTS" "$work/inputs"
elif [ ! -e "$work/inputs/.done" ]; then sh ../shared/perf/make_inputs.sh "$work/inputs" && touch "$work/inputs/.done"; fi
cp ../shared/perf/graphs/gauss_blur_60_2048.json ../shared/perf/graphs/defocus_1080p.json "$work/graphs/"
dotnet build -c Release src/Compositor.Cli >/dev/null
cli=src/Compositor.Cli/bin/Release/net10.0/compositor
"$cli" devices
best() { python3 -c "import json,sys; print(min(json.load(open(sys.argv[1]))['composite_s'][1:] or json.load(open(sys.argv[1]))['composite_s']))" "$1"; }
printf '%-22s %10s %10s %8s\n' graph cpu_s opencl_s ratio
for g in gauss_blur_60_2048 defocus_1080p; do
  for d in cpu opencl; do
    "$cli" render "$work/graphs/$g.json" -o "$work/out/${g}_$d.exr" --device "$d" --repeat "$repeat" \
      --timing-json "$work/out/${g}_$d.json" --stats "$@" > "$work/out/${g}_$d.log"
  done
  grep -q "0 fell back" "$work/out/${g}_opencl.log" || { echo "$g: OpenCL fell back, see $work/out/${g}_opencl.log" >&2; }
  c=$(best "$work/out/${g}_cpu.json"); o=$(best "$work/out/${g}_opencl.json")
  printf '%-22s %10.3f %10.3f %8.2f\n' "$g" "$c" "$o" "$(python3 -c "print($o/$c)")"
done
echo "ratio = OpenCL time / CPU time (best of the runs after the first); below 1 the device is faster"
