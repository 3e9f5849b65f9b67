#!/usr/bin/env bash
# One entry point that sets everything up, then runs a task. Idempotent and quick when set up.
#   ./run.sh build   build every issue under issues/ into dist/ and the website into site/
#   ./run.sh test    run the whole test suite
#   ./run.sh gazette ARGS…   any CLI command inside the project's environment
set -euo pipefail
caller_pwd=$PWD
cd "$(dirname "$0")"

# Debian packages: CJK fonts (Song/Hei, Kai), WeasyPrint's Pango, poppler (pdftoppm/pdftotext
# for tests), Chromium for the browser tests. Installed only when missing and only as root.
APT_PACKAGES=(fonts-noto-cjk fonts-arphic-ukai libpango-1.0-0 libpangoft2-1.0-0
              libharfbuzz-subset0 poppler-utils chromium)

apt_setup() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: missing Debian packages (${missing[*]}); run as root or install them." >&2
    return 0
  fi
  echo "run.sh: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

venv_setup() {
  local stamp=.venv/.setup-stamp want
  want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  [ -x .venv/bin/python ] || python3 -m venv .venv
  echo "run.sh: installing Python packages into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
}

apt_setup
venv_setup
export PATH="$PWD/.venv/bin:$PATH"
# This checkout's code wins over whatever checkout the venv's editable install points at.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
task=${1:-build}
shift || true
case "$task" in
  # The website (site/) and each issue's own edition (dist/) from one render per issue;
  # issues whose inputs did not change are reused untouched, so a no-change build is quick.
  build) exec gazette site --dist dist "$@" ;;
  test) exec python -m pytest "$@" ;;
  # Paths on the command line are the caller's: run the CLI from where run.sh was called.
  gazette) cd "$caller_pwd" && exec gazette "$@" ;;
  *) echo "usage: ./run.sh build|test|gazette ARGS…" >&2; exit 2 ;;
esac
