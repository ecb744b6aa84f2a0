#!/usr/bin/env bash
# Crash safety soak (issue 5): rebuilds an index again and again, from one folder or the other,
# and kills the writer with SIGKILL at a random moment of each run. After every kill the index
# must pass `fundstelle check` and hold exactly the documents of its last commit (the folder of
# the run that committed last). Prints the number of kills, and of runs that committed first.
#
# usage: Tests/Benchmarks/kill-soak.sh [--rounds N] [--binary FUNDSTELLE] FOLDER_A FOLDER_B
#   e.g. Tests/Benchmarks/kill-soak.sh --rounds 200 /tmp/fundstelle-bench-dump-social Corpus
set -euo pipefail
rounds=200
binary=
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
[ $# -eq 2 ] || { sed -n '8,9p' "$0"; exit 64; }
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$binary" ]; then
    swift build -c release --static-swift-stdlib --package-path "$here/../.." --product fundstelle >&2
    binary=$(swift build -c release --static-swift-stdlib --package-path "$here/../.." --show-bin-path)/fundstelle
fi
work=$(mktemp -d /tmp/fundstelle-kill-soak.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$binary" "$rounds" "$1" "$2" "$work" <<'PY'
import json, random, subprocess, sys, time, signal
binary, rounds, folders, work = sys.argv[1], int(sys.argv[2]), sys.argv[3:5], sys.argv[5]
def state(index):
    out = subprocess.run([binary, "stats", "--json", "--index", index], capture_output=True, text=True, check=True).stdout
    j = json.loads(out)
    return j["generation"], j["documents"]
counts, times = [], []
for f, folder in enumerate(folders):
    started = time.time()
    subprocess.run([binary, "index", folder, "--index", f"{work}/ref{f}"], capture_output=True, check=True)
    times.append(time.time() - started)
    counts.append(state(f"{work}/ref{f}")[1])
print(f"folders: {folders[0]} ({counts[0]} documents, {times[0]:.1f} s), {folders[1]} ({counts[1]} documents, {times[1]:.1f} s)")
index = f"{work}/idx"
subprocess.run([binary, "index", folders[1], "--index", index], capture_output=True, check=True)
current, generation = 1, state(index)[0]
rng = random.Random(2026)
killed = committed = failures = 0
for r in range(rounds):
    folder = 1 - current if rng.random() < 0.8 else current
    p = subprocess.Popen([binary, "index", folders[folder], "--index", index, "--full"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, times[folder] * 0.9))
    p.send_signal(signal.SIGKILL)
    p.wait()
    killed += p.returncode == -signal.SIGKILL
    check = subprocess.run([binary, "check", "--index", index], capture_output=True, text=True)
    g, docs = state(index)
    if g != generation:
        current, generation, committed = folder, g, committed + 1
    if check.returncode != 0 or docs != counts[current]:
        failures += 1
        print(f"round {r}: check {check.returncode} {check.stderr.strip()}; {docs} documents, expected {counts[current]}")
print(f"{rounds} rounds: {killed} writers killed mid-run, {committed} committed before the kill, {failures} failures")
print(f"RESULT rounds={rounds} killed={killed} committed={committed} failures={failures}")
sys.exit(1 if failures else 0)
PY
