#!/usr/bin/env bash
# Blender 3.4 (Debian 12's package) for tests/Compositor.Blender.Tests: the add-on's round trip of
# every conformance case and the .blend export. Large, but it runs headless (blender -b).
set -euo pipefail
if ! command -v blender >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends blender >/dev/null
fi
blender -b --factory-startup --python-expr "import bpy; print('blender', bpy.app.version_string)" 2>&1 | grep -m1 '^blender ' \
  || { echo "blender is installed but does not start headless" >&2; exit 1; }
