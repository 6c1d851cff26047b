#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A throw-away OpenSSH server for tests, on 127.0.0.1 only.
#   tests/servers/sshd.sh start DIR   starts Debian's sshd on a free 127.0.0.1 port with a new
#                                     host key and one new client key (ed25519) in DIR, and
#                                     writes DIR/env (source it) with:
#     SSH_PORT          the port
#     SSH_KEY           the client's private key (its .pub is the only authorized key)
#     SSH_KNOWN_HOSTS   a known_hosts file holding only this server's host key
#     SSH_USER          the user the client logs in as (the one running the server)
#     SSH_URL           ssh://USER@127.0.0.1:PORT (append an absolute path)
#     GIT_SSH_COMMAND   ssh with that key, that known_hosts and nothing of ~/.ssh
#   tests/servers/sshd.sh stop DIR    stops the server started in DIR (and nothing else).
# Exit 77 (ctest's skip) when sshd or ssh-keygen is missing. As root, the privilege-separation
# user `sshd` and /run/sshd are created when missing (Debian's openssh-server does the same).
# The server also dies on its own after $SERVER_LIFETIME seconds (default 1800), so a test killed
# before its trap ran leaves nothing behind for long.
set -euo pipefail
SSHD=${SSHD:-/usr/sbin/sshd}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir=$1
  [ -x "$SSHD" ] && command -v ssh-keygen >/dev/null && command -v ssh >/dev/null || {
    echo "sshd.sh: $SSHD, ssh or ssh-keygen missing (Debian: openssh-server)" >&2; return 77; }
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    getent passwd sshd >/dev/null ||
      useradd --system --home-dir /run/sshd --shell /usr/sbin/nologin --no-create-home sshd
    mkdir -p /run/sshd && chmod 0755 /run/sshd
  fi
  rm -f "$dir/host_ed25519" "$dir/host_ed25519.pub" "$dir/client_ed25519" "$dir/client_ed25519.pub"
  ssh-keygen -q -t ed25519 -N '' -C "test host" -f "$dir/host_ed25519" </dev/null
  ssh-keygen -q -t ed25519 -N '' -C "test client" -f "$dir/client_ed25519" </dev/null
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  local user; user=$(id -un)
  local port tries=0
  while :; do
    port=$(free_port)
    cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
PrintMotd no
LogLevel ERROR
EOF
    "$SSHD" -t -f "$dir/sshd_config"
    rm -f "$dir/sshd.pid"
    # -D: in the foreground of its own process, so `timeout` can bound its lifetime.
    setsid timeout "${SERVER_LIFETIME:-1800}" "$SSHD" -D -e -f "$dir/sshd_config" \
      </dev/null >>"$dir/sshd.log" 2>&1 &
    echo $! >"$dir/timeout.pid"
    for _ in $(seq 1 50); do
      [ -s "$dir/sshd.pid" ] && break
      kill -0 "$(cat "$dir/timeout.pid")" 2>/dev/null || break
      sleep 0.1
    done
    [ -s "$dir/sshd.pid" ] && break
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then echo "sshd.sh: sshd did not start:" >&2; cat "$dir/sshd.log" >&2; return 1; fi
  done
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" >"$dir/known_hosts"
  local cmd="ssh -F none -i $dir/client_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes"
  cmd+=" -o UserKnownHostsFile=$dir/known_hosts -o GlobalKnownHostsFile=/dev/null"
  cmd+=" -o StrictHostKeyChecking=yes -o IdentityAgent=none -p $port"
  cat >"$dir/env" <<EOF
export SSH_PORT=$port SSH_KEY=$dir/client_ed25519 SSH_KNOWN_HOSTS=$dir/known_hosts SSH_USER=$user
export SSH_URL=ssh://$user@127.0.0.1:$port
export GIT_SSH_COMMAND="$cmd"
EOF
}

# Stops the process group start began (setsid: timeout, the server, its children) and waits for it.
stop() {
  local dir=$1 pid
  [ -s "$dir/timeout.pid" ] || return 0
  pid=$(cat "$dir/timeout.pid")
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/timeout.pid" "$dir/sshd.pid"
}

case "${1:-}" in
  start) start "${2:?usage: sshd.sh start DIR}" ;;
  stop) stop "${2:?usage: sshd.sh stop DIR}" ;;
  *) echo "usage: tests/servers/sshd.sh start|stop DIR" >&2; exit 2 ;;
esac
