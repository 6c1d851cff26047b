# Issue 11 over real transports on 127.0.0.1 (tests/servers, from the "hub" branch): ssh (Debian's
# sshd, a throw-away host key checked against ARCHIPEL_KNOWN_HOSTS, the client key in ~/.ssh) and
# smart http (lighttpd + git http-backend). Push over ssh, clone over http, push over http, pull
# over ssh; a host key that is not the known one is refused; git:// (git daemon) as a read-only
# mirror: clone and pull work, push is refused by the server. Skipped (77) without the servers.
S="$SRC/tests/servers"
trap '[ -f "$WORK/gitd.pid" ] && kill "$(cat "$WORK/gitd.pid")" 2>/dev/null; bash "$S/sshd.sh" stop "$WORK/sshd" >/dev/null 2>&1 || true; bash "$S/http.sh" stop "$WORK/http" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
mkdir repos
rc=0; bash "$S/sshd.sh" start "$WORK/sshd" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 77 ] && { echo "skip: no sshd"; exit 77; }
[ "$rc" -eq 0 ] || { echo "FAIL: sshd.sh start exited $rc"; exit 1; }
rc=0; bash "$S/http.sh" start "$WORK/http" "$WORK/repos" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 77 ] && { echo "skip: no lighttpd"; exit 77; }
[ "$rc" -eq 0 ] || { echo "FAIL: http.sh start exited $rc"; exit 1; }
source "$WORK/sshd/env"; source "$WORK/http/env"
git init -q --bare repos/hub.git
mkdir -p "$HOME/.ssh" && cp "$SSH_KEY" "$HOME/.ssh/id_ed25519" && cp "$SSH_KEY.pub" "$HOME/.ssh/id_ed25519.pub"
unset SSH_AUTH_SOCK
export ARCHIPEL_KNOWN_HOSTS="$SSH_KNOWN_HOSTS"
part() {
  mkdir -p "$1" && printf 'solid %s\nendsolid\n' "$2" >"$1/p.stl"
  printf '{"schema": 1, "kind": "part", "name": "%s", "version": "1.0.0", "designer": {"name": "T", "email": "t@example.org"}, "licence": "MIT", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' "$2" >"$1/part.json"
}
expect 0 -- registry init --registry "$WORK/bxl" --namespace BXL
part a Plate
expect 0 -- publish a/part.json --registry "$WORK/bxl"
expect 0 -- remote add origin "$SSH_URL$WORK/repos/hub.git" --registry "$WORK/bxl"
expect 0 -- push --registry "$WORK/bxl"
out_has "Pushed"
[ "$(git -C repos/hub.git rev-parse main)" = "$(git -C bxl rev-parse main)" ]
expect 0 -- clone "$HTTP_URL/hub.git" "$WORK/kit"
out_has "fast-forward, 2 commits verified"
expect 0 -- verify --registry "$WORK/kit"
part b Hinge
expect 0 -- publish b/part.json --registry "$WORK/kit"
expect 0 -- push --registry "$WORK/kit"
out_has "Pushed"
expect 0 -- pull --registry "$WORK/bxl"
out_has "fast-forward"
out_has "  added    BXL-P0002@1.0.0"
# Another host key than the known one: refused, nothing fetched.
ssh-keygen -q -t ed25519 -N '' -f "$WORK/other_host" </dev/null
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$WORK/other_host.pub")" >"$WORK/wrong_known_hosts"
ARCHIPEL_KNOWN_HOSTS="$WORK/wrong_known_hosts" expect 3 -- pull --registry "$WORK/bxl"
err_has "the ssh host key of 127.0.0.1 is not in $WORK/wrong_known_hosts"
# git:// on 127.0.0.1: a read-only mirror.
GPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
git daemon --listen=127.0.0.1 --port="$GPORT" --base-path="$WORK/repos" --export-all --reuseaddr \
  --detach --pid-file="$WORK/gitd.pid" "$WORK/repos"
for i in $(seq 50); do git ls-remote "git://127.0.0.1:$GPORT/hub.git" >/dev/null 2>&1 && break; sleep 0.1; done
expect 0 -- clone "git://127.0.0.1:$GPORT/hub.git" "$WORK/mirror"
expect 0 -- show BXL-P0002 --registry "$WORK/mirror"
part c Bolt
expect 0 -- publish c/part.json --registry "$WORK/bxl"
expect 0 -- push --registry "$WORK/bxl"
expect 0 -- pull --registry "$WORK/mirror"
out_has "  added    BXL-P0003@1.0.0"
part d Nut
expect 0 -- publish d/part.json --registry "$WORK/mirror"
expect 3 -- push --registry "$WORK/mirror"
err_has "cannot push to git://127.0.0.1:$GPORT/hub.git"
[ "$(git -C repos/hub.git rev-parse main)" = "$(git -C bxl rev-parse main)" ]
