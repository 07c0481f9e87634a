// Package safegit is keyless's one way to run git and read its patches.
//
// Every git command runs hardened, so that reading a repository never runs
// a program the repository's configuration names (fsmonitor, hooks,
// external diff, textconv and filter drivers, pager, gpg, transports): see
// hardening and env in command.go. Its errors are *Error, git's own
// message cleaned to one printable line.
//
// Parser reads `git log -p` / `git diff` output as a stream, one hunk of
// added lines at a time, decoding git's C-quoted path names, so that the
// history scan (internal/history) and lint's -new-from-rev and -staged
// (cmd/keyless) agree on which file and which lines a change touched,
// whatever the file is called.
//
// This is the only package of the module that imports os/exec
// (cmd/keyless's TestNoNetworkImports checks it).
package safegit
