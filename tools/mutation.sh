#!/usr/bin/env bash
# Mutation testing of the guard modules (issue 14 §5) with mutmut — not part of
# ./run.sh test or CI's default run (it takes tens of minutes on 2 cores).
#
#   tools/mutation.sh            # every guard below
#   tools/mutation.sh sanitize   # one guard: sanitize, audit, checks, doc_number, swap
#
# Mutants are made from [tool.mutmut] in pyproject.toml and killed by
# tests/test_guards.py and tests/test_audit.py; survivors are listed at the end
# (`.venv/bin/mutmut show NAME` shows one) and in README.md "Mutation testing".
set -euo pipefail
cd "$(dirname "$0")/.."
MUTMUT_VERSION=3.8.1
if ! .venv/bin/python -c "import mutmut" 2>/dev/null; then
  .venv/bin/python -m pip install -q "mutmut==$MUTMUT_VERSION"
fi
# The seed tests read ../shared/seeds; mutmut runs the tests from mutants/.
export GAZETTE_SEEDS="${GAZETTE_SEEDS:-$(cd .. && pwd)/shared/seeds}"
declare -A GUARDS=(
  [sanitize]="gazette_pub.sanitize.*"
  [audit]="gazette_pub.audit.*"
  [checks]="gazette_pub.checks.x_comparable__* gazette_pub.checks.x_document_texts__* gazette_pub.checks.x__blocks_texts__* gazette_pub.model.x_block_texts__* gazette_pub.checks.x_lost_text__* gazette_pub.checks.x__match_one__* gazette_pub.checks.x__run__* gazette_pub.checks.x__align__* gazette_pub.checks.x_pdf_text__* gazette_pub.checks.x__pdf_loss__* gazette_pub.checks.x_html_text__* gazette_pub.checks.x_text_conservation__* gazette_pub.checks.x_inert_pages__* gazette_pub.checks.x_check_output__* gazette_pub.checks.x__line_of__* gazette_pub.checks.x_issue_warnings__*"
  [doc_number]="gazette_pub.sources.doc_number.x_normalize_doc_number__* gazette_pub.sources.lines.x_ascii_digits__*"
  [swap]="gazette_pub.pipeline.x_write_issue__* gazette_pub.pipeline.x__write_staged__* gazette_pub.pipeline.x__write_if_changed__* gazette_pub.pipeline.x__swap_in__* gazette_pub.pipeline.x__exchange__*"
)
names=()
for guard in "${@:-sanitize audit checks doc_number swap}"; do
  for one in $guard; do
    [[ -n "${GUARDS[$one]:-}" ]] || { echo "unknown guard: $one (${!GUARDS[*]})" >&2; exit 2; }
    names+=(${GUARDS[$one]})
  done
done
set -f  # the names are mutmut globs, not file globs
.venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-2}" "${names[@]}" >/dev/null
.venv/bin/mutmut results
