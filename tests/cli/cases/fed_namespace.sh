# Issue 11's namespace records (namespaces/<NS>.json): written by registry init, changed only by
# a maintainer; a registry made before maintainers is adopted once; verify refuses a record of a
# namespace the registry does not hold, and new serials from non-maintainers when publishers are
# "maintainers".
fp() { ssh-keygen -l -f "$1" | cut -d' ' -f2; }
ME=$(fp "$HOME/id_ed25519.pub")
ssh-keygen -q -t ed25519 -N '' -C other@example.org -f "$WORK/other" </dev/null >/dev/null
OTHER=$(fp "$WORK/other.pub")
R="$WORK/old"
git init -q --bare "$R"
git -C "$R" symbolic-ref HEAD refs/heads/main
blob=$(printf '{"schema": 1, "namespace": "OLD", "name": "Old lab", "grid": "openstructures", "policy": {"allowed_licences": [], "accept_nonconforming": false, "max_file_bytes": 50000000}}\n' | git -C "$R" hash-object -w --stdin)
tree=$(printf '100644 blob %s\tregistry.json\n' "$blob" | git -C "$R" mktree)
c=$(git -C "$R" -c user.name=Old -c user.email=old@example.org commit-tree "$tree" -m "registry init OLD")
git -C "$R" update-ref refs/heads/main "$c"
expect 0 -- namespace show --registry "$R"
same_out <<'X'
namespace OLD (no record yet: from registry.json)
  publishers  open
  maintainers none (run 'archipel namespace adopt')
X
expect 1 -- namespace set --publishers maintainers --registry "$R"
same_err <<<"archipel: error: namespace OLD has no maintainers (a registry made before signatures): run 'archipel namespace adopt' first"
expect 0 -- namespace adopt --registry "$R"
out_has "Changed the record of OLD"
out_has "  maintainer  tester@example.org  $ME"
expect 1 -- namespace adopt --registry "$R" --signing-key "$WORK/other"
same_err <<<"archipel: error: namespace OLD already has maintainers (tester@example.org ($ME)): adopt is only for registries made before maintainers"
expect 0 -- namespace set --publishers maintainers --home https://hub.example.org/old.git --registry "$R" --json
out_has '"publishers": "maintainers"'
out_has '"home": "https://hub.example.org/old.git"'
expect 0 -- namespace set --publishers maintainers --registry "$R"
out_has "Nothing to change in the record of OLD"
expect 1 -- namespace set --home "not a url" --registry "$R"
err_has "namespaces/OLD.json"
mkdir p && echo "solid p" >p/p.stl
printf '{"schema": 1, "kind": "part", "name": "Peg", "version": "1.0.0", "designer": {"name": "O", "email": "o@example.org"}, "licence": "MIT", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' >p/part.json
expect 1 -- publish p/part.json --registry "$R" --signing-key "$WORK/other"
err_has "this registry accepts new parts from its maintainers only (tester@example.org ($ME)), and the signing key is other@example.org ($OTHER)"
expect 0 -- publish p/part.json --registry "$R"
expect 0 -- namespace maintainer add --key "$WORK/other.pub" --registry "$R"
out_has "  maintainer  other@example.org  $OTHER"
expect 0 -- namespace maintainer remove --key "$WORK/other.pub" --registry "$R" --signing-key "$WORK/other"
expect 1 -- namespace maintainer remove --principal tester@example.org --registry "$R"
same_err <<<"archipel: error: tester@example.org is the last maintainer of OLD: add another maintainer first"
expect 0 -- verify --registry "$R"
err_has "is not signed (this registry was made before signatures)"
expect 0 -- namespace show --registry "$R" --json
out_has '"recorded": true'
# A new registry records its namespace in its first commit.
expect 0 -- registry init --registry "$WORK/new" --namespace NEW
[ "$(git -C "$WORK/new" ls-tree --name-only -r main)" = "namespaces/NEW.json
registry.json" ]
expect 1 -- namespace show ZZZ --registry "$WORK/new"
same_err <<<"archipel: error: this registry has no record of namespace ZZZ"
# A maintainer cannot create the record of another namespace with plain git: verify names it.
N="$WORK/new"
export GIT_INDEX_FILE="$WORK/idx"
git -C "$N" read-tree main
zb=$(git -C "$N" show main:namespaces/NEW.json | sed 's/"NEW"/"ZZZ"/' | git -C "$N" hash-object -w --stdin)
git -C "$N" update-index --add --cacheinfo "100644,$zb,namespaces/ZZZ.json"
z=$(git -C "$N" -c gpg.format=ssh -c user.signingkey="$HOME/id_ed25519" -c user.name=T -c user.email=t@example.org \
    commit-tree -S "$(git -C "$N" write-tree)" -p main -m "squat ZZZ")
unset GIT_INDEX_FILE
git -C "$N" update-ref refs/heads/main "$z"
expect 1 -- verify --registry "$N"
out_has "problem: commit ${z:0:12}: creates the record of namespace ZZZ, which is not this registry's (records of other namespaces come with their history, by a pull)"
