#!/usr/bin/env bash
# Time to the first decision: runs `java -jar target/alipay-kb.jar advise FILE` N times (default 10),
# each in a fresh JVM, and prints every wall time and the median. Build the jar first (mvn package).
#   bench/cold-start.sh [FILE] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-test-scenarios/examples/us-traveller-in-shanghai.yaml}
runs=${2:-10}
times=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  java -jar target/alipay-kb.jar advise "$file" > /dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
if (( runs % 2 == 1 )); then
  median=${sorted[$((runs / 2))]}
else
  median=$(( (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2 ))
fi
echo "runs (ms): ${times[*]}"
echo "median: ${median} ms over ${runs} runs"
