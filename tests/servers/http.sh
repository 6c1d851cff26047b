#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A throw-away git smart-http server for tests, on 127.0.0.1 only: Debian's lighttpd, fcgiwrap
# and `git http-backend`, serving every bare repository under a folder.
#   tests/servers/http.sh start DIR REPOS   serves REPOS (a folder of bare repositories) on a free
#                                           127.0.0.1 port and writes DIR/env (source it) with:
#     HTTP_PORT   the port
#     HTTP_URL    http://127.0.0.1:PORT/git (append /NAME.git for REPOS/NAME.git)
#   tests/servers/http.sh stop DIR          stops what start DIR started (lighttpd and its fcgiwrap).
# Push is enabled by a test-only setting given to git http-backend through its environment
# (http.receivepack=true; git refuses anonymous pushes otherwise); no repository's config is
# touched. Exit 77 (ctest's skip) when lighttpd, fcgiwrap or git http-backend is missing.
# The server dies on its own after $SERVER_LIFETIME seconds (default 1800).
set -euo pipefail
LIGHTTPD=${LIGHTTPD:-/usr/sbin/lighttpd}
FCGIWRAP=${FCGIWRAP:-/usr/sbin/fcgiwrap}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir=$1 repos=$2
  local backend; backend="$(git --exec-path 2>/dev/null)/git-http-backend"
  [ -x "$LIGHTTPD" ] && [ -x "$FCGIWRAP" ] && [ -x "$backend" ] || {
    echo "http.sh: lighttpd, fcgiwrap or git-http-backend missing (Debian: lighttpd fcgiwrap git)" >&2
    return 77; }
  mkdir -p "$dir/cgi"; dir=$(cd "$dir" && pwd); repos=$(cd "$repos" && pwd)
  # The CGI program fcgiwrap runs for every request under /git: git http-backend with the
  # repositories' root and the test-only push setting. PATH reaches the hooks' programs.
  cat >"$dir/cgi/git" <<EOF
#!/bin/sh
export GIT_PROJECT_ROOT='$repos' GIT_HTTP_EXPORT_ALL=1 PATH='$PATH'
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.receivepack GIT_CONFIG_VALUE_0=true
exec '$backend'
EOF
  chmod 755 "$dir/cgi/git"
  local port tries=0
  while :; do
    port=$(free_port)
    cat >"$dir/lighttpd.conf" <<EOF
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$dir/cgi"
server.pid-file = "$dir/lighttpd.pid"
server.errorlog = "$dir/error.log"
server.modules = ("mod_fastcgi")
# Every request under /git goes to fcgiwrap, which runs the document root's "git" (the wrapper
# above: SCRIPT_NAME is /git, PATH_INFO the repository path).
fastcgi.server = ("/git" => ((
  "socket" => "$dir/fcgiwrap.sock",
  "bin-path" => "$FCGIWRAP",
  "check-local" => "disable",
  "max-procs" => 1
)))
EOF
    "$LIGHTTPD" -tt -f "$dir/lighttpd.conf"
    rm -f "$dir/lighttpd.pid"
    setsid timeout "${SERVER_LIFETIME:-1800}" "$LIGHTTPD" -D -f "$dir/lighttpd.conf" \
      </dev/null >>"$dir/lighttpd.log" 2>&1 &
    echo $! >"$dir/timeout.pid"
    for _ in $(seq 1 50); do
      [ -s "$dir/lighttpd.pid" ] && break
      kill -0 "$(cat "$dir/timeout.pid")" 2>/dev/null || break
      sleep 0.1
    done
    [ -s "$dir/lighttpd.pid" ] && break
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then
      echo "http.sh: lighttpd did not start:" >&2; cat "$dir/lighttpd.log" "$dir/error.log" >&2 2>/dev/null; return 1
    fi
  done
  cat >"$dir/env" <<EOF
export HTTP_PORT=$port HTTP_URL=http://127.0.0.1:$port/git
EOF
}

# Stops the process group start began (setsid: timeout, the server, its children) and waits for it.
stop() {
  local dir=$1 pid
  [ -s "$dir/timeout.pid" ] || return 0
  pid=$(cat "$dir/timeout.pid")
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/timeout.pid" "$dir/lighttpd.pid"
}

case "${1:-}" in
  start) start "${2:?usage: http.sh start DIR REPOS}" "${3:?usage: http.sh start DIR REPOS}" ;;
  stop) stop "${2:?usage: http.sh stop DIR}" ;;
  *) echo "usage: tests/servers/http.sh start DIR REPOS | stop DIR" >&2; exit 2 ;;
esac
