#!/usr/bin/env bash
# Seeds the fuzz corpora from the plans of the repository: every plan and test
# fixture for `check` and `render`, pairs of versions (OLD 0xFF NEW) for `diff`.
# The seeds are committed; run this again when plans or fixtures change.
set -euo pipefail
cd "$(dirname "$0")"
repo=..

for target in check render; do
  mkdir -p "corpus/$target"
  rm -f corpus/"$target"/*.toml
  for f in "$repo"/plans/*.toml "$repo"/plans/son-la/* "$repo"/tests/fixtures/*.toml "$repo"/tests/fixtures/versions/*; do
    # plans/son-la/x.toml -> son-la__x.toml: one flat folder, names kept apart.
    rel=${f#"$repo"/}
    rel=${rel#plans/}
    rel=${rel#tests/fixtures/}
    cp "$f" "corpus/$target/${rel//\//__}"
  done
done

# diff: two versions separated by one 0xFF byte (never in UTF-8 text).
mkdir -p corpus/diff
rm -f corpus/diff/*.pair
pair() { # NAME OLD NEW
  { cat "$repo/$2"; printf '\xff'; cat "$repo/$3"; } > "corpus/diff/$1.pair"
}
pair v1-v2 tests/fixtures/versions/v1.toml tests/fixtures/versions/v2.toml
pair v2-v1 tests/fixtures/versions/v2.toml tests/fixtures/versions/v1.toml
pair minimal-minimal tests/fixtures/minimal.toml tests/fixtures/minimal.toml
pair kh93-huyen plans/son-la-2023-kh93.toml plans/son-la/huyen-mai-son-2023.toml
pair huyen-xa plans/son-la/huyen-mai-son-2023.toml plans/son-la/xa-chieng-mung-2023.toml
pair cam-giang-thai-binh plans/cam-giang-2023-kh15.toml plans/thai-binh-2022-kh42.toml

# reference: the styles part of kehoach's own DOCX (as an office would restyle it),
# kept in tests/fixtures/reference-styles.xml.
mkdir -p corpus/reference
cp "$repo/tests/fixtures/reference-styles.xml" corpus/reference/

du -sh corpus/check corpus/render corpus/diff corpus/reference
