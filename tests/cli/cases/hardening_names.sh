# Issue 9: names git treats specially are refused by manifest check and by publish (exit 1, one
# line), before libgit2 sees them; the registry stays consistent (git fsck --strict passes).
source "$SRC/tests/cli/lib/manifest.sh"
export ARCHIPEL_REGISTRY="$WORK/reg"
expect 0 -- registry init --namespace BXL
mkdir -p p/.GIT p/git~1 p/sub
for f in .gitmodules .gitattributes .GIT/config git~1/config sub/.gitmodules gi7eba~1 '.git ' 'notes.'; do
  printf '[submodule "x"]\n\tpath = x\n\turl = ../evil\n' >"p/$f"
done
printf 'x' >"p/.git$(printf '\xe2\x80\x8c')"
check() {  # check PATH EXPECTED-MESSAGE
  write_manifest p/part.json "\"files\": [{\"path\": \"$1\", \"role\": \"documentation\", \"format\": \"txt\"}]"
  expect 1 -- manifest check p/part.json
  same_err <<<"archipel: error: p/part.json:/files/0/path: $2"
  expect 1 -- publish p/part.json
  same_err <<<"archipel: error: p/part.json:/files/0/path: $2"
}
check .gitmodules '".gitmodules" is a name git treats specially (read as .gitmodules by git or by some file systems); refused'
check .gitattributes '".gitattributes" is a name git treats specially (read as .gitattributes by git or by some file systems); refused'
check .GIT/config '".GIT/config": ".GIT" is a name git treats specially (read as .git by git or by some file systems); refused'
check git~1/config '"git~1/config": "git~1" is a name git treats specially (read as .git by git or by some file systems); refused'
check sub/.gitmodules '"sub/.gitmodules": ".gitmodules" is a name git treats specially (read as .gitmodules by git or by some file systems); refused'
check gi7eba~1 '"gi7eba~1" is a name git treats specially (read as .gitmodules by git or by some file systems); refused'
check '.git ' '".git " is a name git treats specially (read as .git by git or by some file systems); refused'
check 'notes.' '"notes." ends with a dot or a space, which Windows drops from file names; refused'
check ".git\\u200c" "\".git$(printf '\xe2\x80\x8c')\" is a name git treats specially (read as .git by git or by some file systems); refused"
expect 0 -- verify
git -C "$WORK/reg" fsck --strict --no-progress
