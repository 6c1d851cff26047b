expect 0 -- --version
same_out <<<"archipel 0.1.0"
expect 0 -- version --json
out_has '"archipel": "0.1.0"'
expect 2 -- no-such-command
err_has "archipel: error: "
expect 2 --
err_has "A subcommand is required"
