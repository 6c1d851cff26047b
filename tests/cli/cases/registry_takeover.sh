# Issue 10's takeover: Bob copies Alice's part.json (TST-P0001, CC-BY-NC-ND-4.0), bumps the
# version, credits himself under MIT and publishes with his key: refused, naming the owner.
# Then owners, keys, a refused yank, and a tampering with plain git caught by verify.
fp() { ssh-keygen -l -f "$1" | cut -d' ' -f2; }
expect 0 -- key new "$WORK/keys/alice" --principal alice@example.org
out_has "Created $WORK/keys/alice and $WORK/keys/alice.pub"
out_has "export ARCHIPEL_SIGNING_KEY=$WORK/keys/alice"
expect 1 -- key new "$WORK/keys/alice" --principal alice@example.org
same_err <<<"archipel: error: $WORK/keys/alice: already exists; not overwritten"
expect 0 -- key new "$WORK/keys/bob" --principal bob@example.org --json
out_has '"principal": "bob@example.org"'
ALICE=$(fp "$WORK/keys/alice.pub"); BOB=$(fp "$WORK/keys/bob.pub")
export ARCHIPEL_SIGNING_KEY="$WORK/keys/alice"
expect 0 -- registry init --namespace TST --name "Test parts"
mkdir -p alice && printf 'solid plate\nendsolid plate\n' > alice/plate.stl
cat > alice/part.json <<'JSON'
{
  "schema": 1, "kind": "part", "name": "Alice's plate", "version": "1.0.0",
  "designer": {"name": "Alice", "email": "alice@example.org"}, "licence": "CC-BY-NC-ND-4.0",
  "dimensions": {"width_mm": 120, "depth_mm": 40, "height_mm": 4},
  "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]
}
JSON
expect 0 -- publish alice/part.json
cp -r alice bob
sed -i 's/"1.0.0"/"1.0.1"/; s/"name": "Alice", "email": "alice@example.org"/"name": "Bob", "email": "bob@example.org"/; s/CC-BY-NC-ND-4.0/MIT/' bob/part.json
expect 1 -- publish bob/part.json --signing-key "$WORK/keys/bob"
same_err <<<"archipel: error: bob/part.json: TST-P0001 belongs to alice@example.org ($ALICE): only an owner may publish a new version of it, and the signing key is bob@example.org ($BOB)"
expect 1 -- yank TST-P0001@1.0.0 --reason mine --signing-key "$WORK/keys/bob.pub"
err_has "only an owner may yank it"
expect 1 -- owner add TST-P0001 --key "$WORK/keys/bob.pub" --signing-key "$WORK/keys/bob"
err_has "only an owner may change the owners of it"
expect 0 -- show TST-P0001
out_has '  licence   CC-BY-NC-ND-4.0'
out_has "  signed    good, alice@example.org ($ALICE)"
expect 0 -- search --licence-allows commercial
same_out <<<'No match'
# Alice adds Bob; now he may publish under her serial (credited as designer, signed as himself).
expect 0 -- owner add TST-P0001 --key "$WORK/keys/bob.pub"
out_has "Added bob@example.org ($BOB)"
expect 0 -- publish bob/part.json --signing-key "$WORK/keys/bob"
expect 0 -- owner list TST-P0001 --json
out_has '"principal": "alice@example.org"'
out_has '"principal": "bob@example.org"'
expect 0 -- owner remove TST-P0001 bob@example.org
expect 1 -- owner remove TST-P0001 alice@example.org
same_err <<<'archipel: error: alice@example.org is the last owner of TST-P0001: add another owner first'
expect 0 -- history TST-P0001
out_has "signed: good, bob@example.org ($BOB)"
expect 0 -- verify
# An RSA key is refused, and no key at all is a usage error naming the ways to give one.
ssh-keygen -q -t rsa -b 2048 -N '' -f "$WORK/keys/rsa" </dev/null >/dev/null
expect 1 -- yank TST-P0001@1.0.0 --reason x --signing-key "$WORK/keys/rsa"
err_has "ssh-rsa keys are not accepted"
ARCHIPEL_SIGNING_KEY= expect 2 -- yank TST-P0001@1.0.0 --reason x
err_has "no signing key: pass --signing-key PATH, set ARCHIPEL_SIGNING_KEY"
# Bob rewrites Alice's licence with plain git, signing with his own key: verify names it, and
# publishing into that registry is refused.
R="$WORK/xdg/archipel/registry"
export GIT_INDEX_FILE="$WORK/idx"
git -C "$R" read-tree main
blob=$(sed 's/CC-BY-NC-ND-4.0/MIT/' <(git -C "$R" show main:parts/TST/P/000/TST-P0001/1.0.0/part.json) | git -C "$R" hash-object -w --stdin)
git -C "$R" update-index --cacheinfo "100644,$blob,parts/TST/P/000/TST-P0001/1.0.0/part.json"
c=$(git -C "$R" -c gpg.format=ssh -c user.signingkey="$WORK/keys/bob" -c user.name=Bob -c user.email=bob@example.org \
    commit-tree -S "$(git -C "$R" write-tree)" -p main -m "relicence")
git -C "$R" update-ref refs/heads/main "$c"
unset GIT_INDEX_FILE
expect 1 -- verify
out_has "problem: commit ${c:0:12}: rewrites part.json of TST-P0001@1.0.0, published earlier"
out_has "problem: commit ${c:0:12}: changes TST-P0001, signed by $BOB, who may not: allowed alice@example.org ($ALICE)"
expect 1 -- publish alice/part.json
err_has "refusing to publish: the registry's history fails verification"
