#!/usr/bin/env bash
# Time and memory of a pixel-wise chain against image size and graph length (docs/performance.md,
# "Scaling"). Run from the repository root:
#
#   benchmarks/scaling/run.sh [--threads N] [--repeat K] [WORK_DIR]
#
# Makes inputs from ../shared/conformance/inputs/coffee.png with oiiotool, writes chain graphs
# (Exposure, Gamma, Bright/Contrast, Hue/Sat, Invert, Mix ... repeated to the length), renders
# each K times in one process with the Release CLI and prints: case, megapixels, nodes, warm
# median seconds, peak buffer memory (MiB, from --stats) and the process's max RSS (MiB).
set -euo pipefail
THREADS=2; REPEAT=4; WORK=${TMPDIR:-/tmp}/compositor-scaling
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS=$2; shift 2;;
    --repeat) REPEAT=$2; shift 2;;
    *) WORK=$1; shift;;
  esac
done
ROOT=$(pwd); SHARED=$(cd "$ROOT/../shared" && pwd)
mkdir -p "$WORK/inputs" "$WORK/graphs" "$WORK/out"
dotnet build -c Release "$ROOT/src/Compositor.Cli" >"$WORK/build.log" 2>&1 || { echo "build failed: $WORK/build.log" >&2; exit 2; }
CLI="$ROOT/src/Compositor.Cli/bin/Release/net10.0/compositor"
for s in 512 1024 2048 4096; do
  [ -f "$WORK/inputs/coffee_$s.png" ] || oiiotool "$SHARED/conformance/inputs/coffee.png" --resize "${s}x${s}" -o "$WORK/inputs/coffee_$s.png"
done
/usr/bin/python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
steps = [
    ("CompositorNodeExposure", {}, {"Exposure": 0.3}, "Image", "Image"),
    ("CompositorNodeGamma", {}, {"Gamma": 0.9}, "Image", "Image"),
    ("CompositorNodeBrightContrast", {}, {"Bright": 3.0, "Contrast": 10.0}, "Image", "Image"),
    ("CompositorNodeHueSat", {}, {"Saturation": 1.1, "Hue": 0.51}, "Image", "Image"),
    ("CompositorNodeInvert", {}, {"Fac": 0.1}, "Color", "Color"),
]
def chain(size, length):
    nodes = [{"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {
        "filepath": f"../inputs/coffee_{size}.png", "source": "FILE", "colorspace": "sRGB"}}}]
    links, prev, prev_out = [], "Img", "Image"
    for i in range(length):
        t, props, inputs, sin, sout = steps[i % len(steps)]
        name = f"N{i}"
        nodes.append({"name": name, "type": t, "properties": props, "inputs": inputs})
        links.append({"from": prev, "from_socket": prev_out, "to": name, "to_socket": sin})
        prev, prev_out = name, sout
    nodes.append({"name": "Composite", "type": "CompositorNodeComposite"})
    links.append({"from": prev, "from_socket": prev_out, "to": "Composite", "to_socket": "Image"})
    return {"version": 1, "settings": {"resolution": [size, size]}, "nodes": nodes, "links": links}
cases = [(s, 10) for s in (512, 1024, 2048, 4096)] + [(1024, n) for n in (5, 20, 80)]
for s, n in cases:
    json.dump(chain(s, n), open(f"{work}/graphs/chain_{s}_{n}.json", "w"))
PY
printf '%-18s %6s %6s %10s %10s %10s\n' case MP nodes seconds peak_MiB rss_MiB
for g in "$WORK"/graphs/chain_{512,1024,2048,4096}_10.json "$WORK"/graphs/chain_1024_{5,20,80}.json; do
  n=$(basename "$g" .json)
  /usr/bin/time -v "$CLI" render "$g" -o "$WORK/out/$n.exr" --threads "$THREADS" --repeat "$REPEAT" --stats \
      --timing-json "$WORK/out/$n.json" >"$WORK/out/$n.log" 2>&1
  /usr/bin/python3 - "$WORK/out/$n" "$n" <<'PY'
import json, re, statistics, sys
base, n = sys.argv[1:3]
t = json.load(open(base + ".json"))["composite_s"][1:]
log = open(base + ".log").read()
peak = max(float(x) for x in re.findall(r"peak buffer memory ([0-9.]+) MiB", log))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024
_, size, nodes = n.split("_")
print(f"{n:<18} {int(size)**2/1e6:6.2f} {nodes:>6} {statistics.median(t):10.4f} {peak:10.1f} {rss:10.0f}")
PY
done
