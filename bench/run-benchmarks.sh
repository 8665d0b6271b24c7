#!/usr/bin/env bash
# Runs the JMH benchmarks of alipaykb.bench (src/jmh/java/alipaykb/bench):
#   DecisionBenchmark  one decision on a typical profile, by the shipped rules and by the hand-written Java
#                      policy: throughput (ops/s) and, in DecisionBenchmark.AverageTime, the average time (us/op)
#   RebuildBenchmark   the time to rebuild the knowledge base after a one-line limit edit, warm JVM:
#                      KnowledgeBase.compile and ReloadableKnowledgeBase.reload, sampled (ms, with p50/p95/p99)
#   EngineFloorBenchmark (alipaykb.engine) a decision's facts through a session with no rules, through the
#                      shipped rules' conditions with no action run, and a whole decision (us/op): the floor
#                      (and tablesResident: the decision with the reference tables already in the session, a bound)
#   VerificationBenchmark (alipaykb.engine) what the checks cost in that rebuild: judging the edited file's
#                      parsed form, compiling it, verifying and instrumenting its bytecode (ms, sampled)
#
# It builds first (mvn -q -B test-compile, which also generates the JMH benchmark list, and writes the test
# classpath to target/bench-classpath.txt), then runs JMH from the project root, so that the benchmarks'
# relative path "rules" resolves to the shipped rules.
#
# Every argument goes to JMH (org.openjdk.jmh.Main): benchmark name patterns (regular expressions) and options.
# With no argument it runs every benchmark of alipaykb.bench with the defaults the classes declare
# (1 fork, 5 warmup iterations of 2 s, 5 measurement iterations of 2 s, 1 thread). Examples:
#   bench/run-benchmarks.sh                                      # everything, class defaults
#   bench/run-benchmarks.sh DecisionBenchmark -f 1 -wi 3 -i 5    # decisions only, 3 warmup / 5 measured iterations
#   bench/run-benchmarks.sh -f 1 -wi 3 -w 2 -i 5 -r 2            # everything, 2 s warmup and measurement iterations
#   bench/run-benchmarks.sh RebuildBenchmark -rf json -rff target/rebuild.json   # results as JSON
#   bench/run-benchmarks.sh -h                                   # every JMH option
set -euo pipefail

cd "$(dirname "$0")/.."

mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

if [ "$#" -eq 0 ]; then
    set -- 'alipaykb\.bench\.' 'alipaykb\.engine\.VerificationBenchmark' 'alipaykb\.engine\.EngineFloorBenchmark'
fi

exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"
