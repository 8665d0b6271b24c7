#!/usr/bin/env bash
# Time to the first decision: `advise FILE` run N times (default 10), each in a fresh JVM, printing every
# wall time and the median. Build the jar first (mvn -B package -DskipTests).
#
#   bench/cold-start.sh [--launcher | --java-jar | --all] [FILE] [N]
#
#   --launcher  (the default) bin/alipay-kb: one first run, which makes the archive (in a folder of its
#               own, so the user's archive stays as it is), then N runs with that archive
#   --java-jar  java -jar target/alipay-kb.jar, which starts a second JVM for the short-run options
#   --all       the three in turn, round after round, so that a busy machine slows each alike: java -jar,
#               a launcher first run (its archive removed first) and a launcher run with the archive;
#               then each one's runs and median, and the launcher's medians as a share of java -jar's
#
# A first run's archive is made in the background once the run has ended; the next run waits for it,
# so that no timed run shares the machine with it.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=launcher
case ${1:-} in
  --launcher | --java-jar | --all)
    mode=${1#--}
    shift
    ;;
  -*)
    echo "usage: bench/cold-start.sh [--launcher | --java-jar | --all] [FILE] [N]" >&2
    exit 2
    ;;
esac
file=${1:-test-scenarios/examples/us-traveller-in-shanghai.yaml}
runs=${2:-10}
jar=target/alipay-kb.jar
if [[ ! -f $jar ]]; then
  echo "no $jar: build it with: mvn -B package -DskipTests" >&2
  exit 2
fi
unset ALIPAY_KB_LAUNCHER_DEBUG

folders=()
trap 'rm -rf -- "${folders[@]}"' EXIT
new_folder() {
  folder=$(mktemp -d)
  folders+=("$folder")
}

# Wall time of one command, in milliseconds; its output is dropped.
millis() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() {
  local sorted
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  local n=${#sorted[@]}
  if ((n % 2 == 1)); then
    echo "${sorted[n / 2]}"
  else
    echo $(((sorted[n / 2 - 1] + sorted[n / 2]) / 2))
  fi
}

# Waits until the launcher's background run has made the archive in a folder and is gone.
wait_for_archive() {
  local tries=0
  while ! compgen -G "$1/*.key" > /dev/null || compgen -G "$1/.making-*" > /dev/null; do
    if compgen -G "$1/*.failed" > /dev/null || ((++tries > 3000)); then
      echo "no archive was made in $1" >&2
      exit 1
    fi
    sleep 0.1
  done
}

java_jar() {
  millis java -jar "$jar" advise "$file"
}

# A launcher run with the archive folder given.
launcher() {
  ALIPAY_KB_CDS=$1 millis bin/alipay-kb advise "$file"
}

report() {
  echo "$1 runs (ms): ${*:2}"
  echo "$1 median: $(median "${@:2}") ms over $(($# - 1)) runs"
}

case $mode in
  java-jar)
    times=()
    for ((i = 1; i <= runs; i++)); do
      times+=("$(java_jar)")
    done
    report "java -jar" "${times[@]}"
    ;;
  launcher)
    new_folder
    first=$(launcher "$folder")
    wait_for_archive "$folder"
    echo "launcher first run (makes the archive): $first ms"
    times=()
    for ((i = 1; i <= runs; i++)); do
      times+=("$(launcher "$folder")")
    done
    report "launcher" "${times[@]}"
    ;;
  all)
    new_folder
    warm=$folder
    launcher "$warm" > /dev/null
    wait_for_archive "$warm"
    jar_times=() first_times=() warm_times=()
    for ((i = 1; i <= runs; i++)); do
      jar_times+=("$(java_jar)")
      new_folder
      first_times+=("$(launcher "$folder")")
      wait_for_archive "$folder"
      rm -rf -- "$folder"
      warm_times+=("$(launcher "$warm")")
    done
    report "java -jar" "${jar_times[@]}"
    report "launcher first run" "${first_times[@]}"
    report "launcher with archive" "${warm_times[@]}"
    jar_median=$(median "${jar_times[@]}")
    echo "launcher first run: $((100 * $(median "${first_times[@]}") / jar_median))% of java -jar;" \
      "with archive: $((100 * $(median "${warm_times[@]}") / jar_median))% of java -jar"
    ;;
esac
