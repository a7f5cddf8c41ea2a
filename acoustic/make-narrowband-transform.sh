#!/usr/bin/env bash
# make-narrowband-transform.sh [OUT]: the MLLR transform the recognizer uses for audio that came through an
# 8 kHz channel (a telephone, a Bluetooth headset), written to OUT (default acoustic/narrowband.mllr).
#
# Made from real people's wideband read speech in Debian's pocketsphinx-testdata (about 44 s; none of it from
# shared/eval) and its own 8 kHz copy: the free phone loop aligns the wideband copy, and the transform is the
# one that makes the narrowband copy's frames most likely in those states (acoustic/README.md, "Narrowband").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/narrowband.mllr}
data=/usr/share/pocketsphinx/test/data
need=()
command -v sox >/dev/null || need+=(sox)
[ -d "$data" ] || need+=(pocketsphinx-testdata)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in "$data"/librivox/*.wav "$data"/cards/*.wav; do
  sox "$f" -r 16000 -c 1 -b 16 -e signed-integer "$tmp/$(basename "$(dirname "$f")")_$(basename "$f")"
done
for f in goforward something numbers; do
  sox -t raw -r 16000 -e signed-integer -b 16 -c 1 "$data/$f.raw" "$tmp/$f.wav"
done
"$here/../coach" bench adapt --narrowband --train "$tmp" --form FULL --prior 0.05 --write "$out"
