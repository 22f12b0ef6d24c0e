#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) each, for CI: exits non-zero as
# soon as a target crashes, times out or runs out of memory; the input that did it
# is in fuzz/artifacts/<target>/ (reproduce: cargo +nightly fuzz run <target> <file>).
#
#   fuzz/run-all.sh 300
#
# Needs cargo-fuzz (cargo install cargo-fuzz). cargo-fuzz passes nightly flags
# (-Z sanitizer): the nightly toolchain when rustup has one, else the installed
# toolchain with RUSTC_BOOTSTRAP=1 (a new machine has one stable toolchain, which
# ships the sanitizer runtimes). Extra libFuzzer flags can come in FUZZ_FLAGS, e.g.
# FUZZ_FLAGS="-jobs=2 -workers=2"; FUZZ_TIMEOUT (default 5) is the seconds one
# input may take.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
targets=(check render diff reference import conform serve_edit)
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

# Build once (the first build compiles typst with coverage instrumentation: long).
# A toolchain that cannot build fuzz targets is not a finding: exit 3, said apart.
if ! nice -n 19 cargo "${toolchain[@]}" fuzz build; then
  echo "!! the fuzz targets could not be built with this toolchain" >&2
  exit 3
fi

status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: ${seconds}s"
  # shellcheck disable=SC2086
  if ! nice -n 19 cargo "${toolchain[@]}" fuzz run "$t" "corpus/$t" -- \
      -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-5}" -rss_limit_mb=4096 -dict=toml.dict \
      -print_final_stats=1 ${FUZZ_FLAGS:-}; then
    echo "!! $t failed: see fuzz/artifacts/$t/" >&2
    status=1
  fi
done
exit $status
