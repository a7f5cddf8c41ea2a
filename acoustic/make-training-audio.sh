#!/usr/bin/env bash
# make-training-audio.sh OUTDIR: audio for fitting the confidence model (acoustic/README.md).
#
# Deliberately disjoint from shared/eval: other espeak-ng voices and accents, flite's 8 kHz
# "kal" voice with pitch shifts, narrowband copies, our own sentences (training-sentences.txt),
# real read speech from Debian's pocketsphinx-testdata, and sounds made with other settings.
# Writes OUTDIR/*.wav (16 kHz mono 16-bit) and OUTDIR/labels.tsv (file, expected intent or empty).
# Needs the Debian packages espeak-ng, flite, sox and pocketsphinx-testdata (installed if missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-training-audio.sh OUTDIR}
need=()
for p in espeak-ng flite sox; do command -v "$p" >/dev/null || need+=("$p"); done
[ -d /usr/share/pocketsphinx/test/data ] || need+=(pocketsphinx-testdata)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
labels="$out/labels.tsv"; : > "$labels"
to16k() { sox "$1" -r 16000 -c 1 -b 16 -e signed-integer "$2" ${3:-}; }

# Command phrases: every phrase of the grammar, as `./coach grammar-phrases` lists them.
phrases="$tmp/phrases.tsv"
java -jar "$here/../target/coach.jar" phrases > "$phrases"
voices=(en-gb-x-gbclan en-gb-x-gbcwmd en-us-nyc en-us+m3 en-gb+f4 en-gb-x-rp+m5)
speeds=(140 175 205)
i=0
while IFS=$'\t' read -r text intent; do
  i=$((i+1)); id=$(printf %04d $i)
  v=${voices[$((i % ${#voices[@]}))]}; s=${speeds[$((i % 3))]}
  espeak-ng -v "$v" -s "$s" -w "$tmp/a.wav" "$text"; to16k "$tmp/a.wav" "$out/c${id}_espeak.wav"
  printf 'c%s_espeak.wav\t%s\n' "$id" "$intent" >> "$labels"
  v2=${voices[$(((i + 3) % ${#voices[@]}))]}
  espeak-ng -v "$v2" -s 160 -w "$tmp/b.wav" "$text"
  sox "$tmp/b.wav" -r 8000 "$tmp/nb.wav"; to16k "$tmp/nb.wav" "$out/c${id}_narrow.wav"
  printf 'c%s_narrow.wav\t%s\n' "$id" "$intent" >> "$labels"
  flite -voice kal -t "$text" -o "$tmp/k.wav"
  cents=$(( (i % 5) * 100 - 200 ))
  to16k "$tmp/k.wav" "$out/c${id}_kal.wav" "pitch $cents"
  printf 'c%s_kal.wav\t%s\n' "$id" "$intent" >> "$labels"
done < "$phrases"

# Speech that holds no command.
j=0
while read -r text; do
  j=$((j+1)); id=$(printf %03d $j)
  v=${voices[$((j % ${#voices[@]}))]}
  espeak-ng -v "$v" -s 165 -w "$tmp/a.wav" "$text"; to16k "$tmp/a.wav" "$out/n${id}_espeak.wav"
  printf 'n%s_espeak.wav\t\n' "$id" >> "$labels"
  flite -voice kal -t "$text" -o "$tmp/k.wav"; to16k "$tmp/k.wav" "$out/n${id}_kal.wav" "pitch 150"
  printf 'n%s_kal.wav\t\n' "$id" >> "$labels"
done < "$here/training-sentences.txt"

# Real people reading (pocketsphinx-testdata): no commands.
data=/usr/share/pocketsphinx/test/data
k=0
for f in "$data"/librivox/*.wav "$data"/cards/*.wav; do
  k=$((k+1)); to16k "$f" "$out/r$(printf %02d $k)_real.wav"; printf 'r%02d_real.wav\t\n' "$k" >> "$labels"
done
for f in goforward something; do
  k=$((k+1)); sox -t raw -r 16000 -e signed-integer -b 16 -c 1 "$data/$f.raw" "$out/r$(printf %02d $k)_real.wav"
  printf 'r%02d_real.wav\t\n' "$k" >> "$labels"
done

# Sounds: noise, tones, a cry-like warble, plucked notes, knocks.
snd() { sox -n -r 16000 -c 1 -b 16 -e signed-integer "$out/$1" "${@:2}"; printf '%s\t\n' "$1" >> "$labels"; }
snd s01_white.wav synth 3 whitenoise vol 0.05
snd s02_pink.wav synth 3 pinknoise vol 0.6
snd s03_brown.wav synth 2 brownnoise vol 0.8
snd s04_hum.wav synth 3 sine 100 vol 0.3
snd s05_beep.wav synth 0.8 sine 880 pad 0.5 0.5 vol 0.4
snd s06_cry.wav synth 1.2 sine 450-650 tremolo 5 40 vol 0.4 repeat 2
snd s07_cry2.wav synth 0.7 triangle 520 tremolo 8 60 vol 0.4 pad 0 0.3 repeat 3
snd s08_pluck.wav synth 0.5 pluck A3 pluck C4 vol 0.5 repeat 4
snd s09_knock.wav synth 0.02 brownnoise pad 0 0.3 repeat 6 vol 0.9
snd s10_chirp.wav synth 0.4 sine 1200-2400 pad 0.2 0.2 repeat 3 vol 0.3
echo "wrote $(wc -l < "$labels") clips to $out"
