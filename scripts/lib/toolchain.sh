# shellcheck shell=bash
# Sourced by scripts/start, scripts/test and .ci/run. Puts Node.js 22 (or 24) and Yarn 4 on
# PATH: the machine's own when it has them, otherwise copies installed from the npm registry
# into the git-ignored .toolchain/ folder of the repo (no corepack, no vendored binaries).

DATAPLAN_NODE_VERSION=22.23.5
DATAPLAN_YARN_VERSION=4.18.1
DATAPLAN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DATAPLAN_TOOLCHAIN="$DATAPLAN_ROOT/.toolchain"

_dataplan_log() { printf '[dataplan] %s\n' "$*" >&2; }

_dataplan_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  case "$(node --version 2>/dev/null)" in v22.* | v24.*) return 0 ;; *) return 1 ;; esac
}

_dataplan_yarn_ok() {
  command -v yarn >/dev/null 2>&1 || return 1
  # Run from / so that a packageManager field cannot make a shim download anything.
  case "$(cd / && yarn --version 2>/dev/null)" in 4.*) return 0 ;; *) return 1 ;; esac
}

_dataplan_npm_install() { # <prefix> <package@version>
  command -v npm >/dev/null 2>&1 || {
    _dataplan_log "npm is needed once to fetch $2: install any Node.js with npm first."
    return 1
  }
  _dataplan_log "installing $2 into ${1#"$DATAPLAN_ROOT"/}"
  npm install --prefix "$1" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$2" >/dev/null
}

ensure_toolchain() {
  if ! _dataplan_node_ok; then
    local os arch pkg dir
    case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unsupported ;; esac
    case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=unsupported ;; esac
    pkg="node-$os-$arch"
    dir="$DATAPLAN_TOOLCHAIN/node-$DATAPLAN_NODE_VERSION"
    if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
      _dataplan_npm_install "$dir" "$pkg@$DATAPLAN_NODE_VERSION" || return 1
    fi
    PATH="$dir/node_modules/$pkg/bin:$PATH"
  fi
  if ! _dataplan_yarn_ok; then
    local ydir="$DATAPLAN_TOOLCHAIN/yarn-$DATAPLAN_YARN_VERSION"
    if [ ! -x "$ydir/node_modules/.bin/yarn" ]; then
      _dataplan_npm_install "$ydir" "@yarnpkg/cli-dist@$DATAPLAN_YARN_VERSION" || return 1
    fi
    PATH="$ydir/node_modules/.bin:$PATH"
  fi
  export PATH
  # Native addons (better-sqlite3) must compile against the headers of the Node.js that runs
  # them; a user-level npmrc may point node-gyp elsewhere.
  local node_home
  node_home=$(cd "$(dirname "$(command -v node)")/.." && pwd)
  if [ -f "$node_home/include/node/node_version.h" ]; then
    export npm_config_nodedir="$node_home"
  fi
  export YARN_ENABLE_TELEMETRY=0
  _dataplan_log "node $(node --version), yarn $(yarn --version)"
}

# Installs the workspace dependencies; quick when nothing changed. On CI the lockfile must
# already be complete: an install that would change it fails.
ensure_dependencies() {
  if [ -n "${CI:-}" ] && [ "$CI" != false ]; then
    set -- --immutable "$@"
  fi
  (cd "$DATAPLAN_ROOT" && yarn install "$@")
}
